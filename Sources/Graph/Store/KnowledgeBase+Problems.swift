extension KnowledgeBase {
    /// The stored text of a problem, by its external id; nil when the problem or its text is missing.
    public func problemText(externalID: String) throws -> String? {
        let statement = try database.prepare("SELECT text FROM problem WHERE external_id = ?")
        try statement.bind([.text(externalID)])
        return try statement.step() ? statement.optionalText(0) : nil
    }
}
