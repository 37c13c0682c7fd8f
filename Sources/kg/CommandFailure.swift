/// An error the CLI prints as it is, after "Error: ".
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
