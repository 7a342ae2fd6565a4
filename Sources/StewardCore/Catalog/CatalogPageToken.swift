import Foundation

/// The opaque position of a catalog page: an offset and a fingerprint of the query it belongs to.
/// Relevance order has no stable key to page by, so catalog pages use an offset (bounded by
/// `maxOffset`); a token replayed against another query is a 400.
enum CatalogPageToken {
    static let maxOffset = 10_000

    static func fingerprint(_ query: CatalogQuery) -> String {
        let selections = query.selected.keys.sorted { $0.rawValue < $1.rawValue }
            .map { "\($0.rawValue)=\(query.selected[$0]!.sorted().joined(separator: "\u{1}"))" }
        return String(IdempotencyRecord.fingerprint(["catalog", query.text ?? "", query.filter ?? "", query.orderBy.rawValue]
            + selections).prefix(16))
    }

    static func encode(offset: Int, fingerprint: String) -> String {
        Data("\(offset):\(fingerprint)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ token: String?, fingerprint: String) throws -> Int {
        guard let token, !token.isEmpty else { return 0 }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let offset = Int(text[..<colon]), (0...maxOffset).contains(offset),
              text[text.index(after: colon)...] == fingerprint else {
            throw DomainError(.invalid, code: "invalid_page_token", "Invalid page_token: it is malformed or belongs to a different query.")
        }
        return offset
    }
}
