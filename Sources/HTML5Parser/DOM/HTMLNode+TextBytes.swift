extension HTMLNode {
    /// Appends this node's ``textContent`` to `output` as UTF-8 bytes, without building a `String`
    /// (the text nodes' bytes are copied straight from their data).
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// document.root.appendTextContent(to: &bytes)
    /// ```
    /// - Complexity: O(n) in the subtree's nodes plus the text's length.
    public func appendTextContent(to output: inout [UInt8]) {
        switch record.kind {
        case .text, .comment:
            output.append(contentsOf: record.data.utf8)
        case .doctype:
            return
        default:
            let records = document.records
            var current = document.following(id, within: id)
            while current >= 0 {
                if records[Int(current)].kind == .text { output.append(contentsOf: records[Int(current)].data.utf8) }
                current = document.following(current, within: id)
            }
        }
    }
}
