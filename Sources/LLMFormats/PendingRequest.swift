/// One request a run may send: its `custom_id` and its body's JSON bytes.
public struct PendingRequest: Sendable {
    public var customID: String
    public var body: [UInt8]

    public init(customID: String, body: [UInt8]) {
        self.customID = customID
        self.body = body
    }
}
