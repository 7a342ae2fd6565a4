import ArgumentParser

/// The search and paging options of the list commands.
struct ListingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A search filter, e.g. \"tags.team = 'risk'\".", valueName: "filter"))
    var filter: String?

    @Option(help: ArgumentHelp("Sort keys, comma-separated, e.g. \"created_at DESC\".", valueName: "order"))
    var orderBy: String?

    @Option(help: ArgumentHelp("The page size (1 to 1000).", valueName: "n"))
    var maxResults: Int?

    @Option(help: ArgumentHelp("Continue from this next_page_token.", valueName: "token"))
    var pageToken: String?

    @Flag(help: "Follow next_page_token until every result is fetched.")
    var all = false

    func validate() throws {
        if let maxResults, !(1...1000).contains(maxResults) {
            throw ValidationError("--max-results must be between 1 and 1000")
        }
    }
}

/// Fetches one page, or with `--all` every page, of a paginated list.
enum Pagination {
    /// - Parameters:
    ///   - startToken: The `--page-token` to start from.
    ///   - all: Whether to follow `next_page_token` to the end.
    ///   - fetch: Fetches the page at a token, returning its items and its `next_page_token`.
    /// - Returns: The items and the token of the page after them (always nil with `all`).
    static func collect<Item>(
        from startToken: String?,
        all: Bool,
        fetch: (String?) async throws -> (items: [Item], next: String?)
    ) async throws -> (items: [Item], next: String?) {
        var page = try await fetch(startToken)
        guard all else { return page }
        var items = page.items
        var seen: Set<String> = []
        while let token = page.next, !token.isEmpty, seen.insert(token).inserted {
            page = try await fetch(token)
            items += page.items
        }
        return (items, nil)
    }

    /// Tells a table reader (on stderr) how to get the next page.
    static func noteMore(_ next: String?) {
        guard let next, !next.isEmpty else { return }
        StandardError.write("(more results: rerun with --page-token \(next), or use --all)")
    }
}
