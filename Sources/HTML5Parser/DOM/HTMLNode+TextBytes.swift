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

extension HTMLNode {
    /// Hands this node's ``textContent`` to `write` as UTF-8 bytes, in pieces of about `chunkSize`
    /// bytes, so that a large document's text is never held whole (nor as a `String`).
    ///
    /// ```swift
    /// document.root.writeTextContent { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, stdout) }
    /// ```
    /// - Complexity: O(n) in the subtree's nodes plus the text's length.
    public func writeTextContent(chunkSize: Int = 1 << 16, to write: (UnsafeBufferPointer<UInt8>) -> Void) {
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize)
        func add(_ data: String) {
            if data.utf8.count >= chunkSize {
                if !pending.isEmpty {
                    pending.withUnsafeBufferPointer(write)
                    pending.removeAll(keepingCapacity: true)
                }
                var data = data
                data.withUTF8(write)
                return
            }
            if pending.count + data.utf8.count > chunkSize {
                pending.withUnsafeBufferPointer(write)
                pending.removeAll(keepingCapacity: true)
            }
            pending.append(contentsOf: data.utf8)
        }
        switch record.kind {
        case .text, .comment:
            add(record.data)
        case .doctype:
            break
        default:
            var current = document.following(id, within: id)
            while current >= 0 {
                if document.records[Int(current)].kind == .text { add(document.records[Int(current)].data) }
                current = document.following(current, within: id)
            }
        }
        if !pending.isEmpty { pending.withUnsafeBufferPointer(write) }
    }
}
