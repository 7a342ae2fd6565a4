/// A table file that cannot be read: where (file, line, column) and why.
public struct TabularError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line in the file, when the problem is on a line.
    public var line: Int?
    public var column: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ": column '\(column)'" }
        return text + ": " + message
    }
}
