extension HTMLNode {
    /// The tree in html5lib-tests format (`| <html>` lines, two spaces per level), used by the
    /// conformance tests and `newsmill html parse --format tree`.
    ///
    /// For a document node the document's children are printed; for any other node, its children.
    /// - Complexity: O(n); iterative, so any depth is safe.
    public func testFormatTree() -> String {
        var output = ""
        var pending: [(id: Int32, depth: Int, isContentLabel: Bool)] = []
        let records = document.records
        var child = records[Int(id)].lastChild
        while child >= 0 {
            pending.append((child, 0, false))
            child = records[Int(child)].previousSibling
        }
        while let (node, depth, isContentLabel) = pending.popLast() {
            let indent = String(repeating: "  ", count: depth)
            if isContentLabel {
                output += "| \(indent)content\n"
                var inner = records[Int(node)].lastChild
                while inner >= 0 {
                    pending.append((inner, depth + 1, false))
                    inner = records[Int(inner)].previousSibling
                }
                continue
            }
            let record = records[Int(node)]
            switch record.kind {
            case .doctype:
                if record.data.isEmpty && record.systemIdentifier.isEmpty {
                    output += "| \(indent)<!DOCTYPE \(record.name)>\n"
                } else {
                    output += "| \(indent)<!DOCTYPE \(record.name) \"\(record.data)\" \"\(record.systemIdentifier)\">\n"
                }
            case .comment:
                output += "| \(indent)<!-- \(record.data) -->\n"
            case .text:
                output += "| \(indent)\"\(record.data)\"\n"
            case .element:
                let prefix = record.namespace == .html ? "" : record.namespace.shortName + " "
                output += "| \(indent)<\(prefix)\(record.name)>\n"
                let attributes = record.attributes.map { attribute -> (String, String) in
                    let name = attribute.namespace.map { "\($0.shortName) \(attribute.name)" } ?? attribute.name
                    return (name, attribute.value)
                }.sorted { $0.0 < $1.0 }
                for (name, value) in attributes {
                    output += "| \(indent)  \(name)=\"\(value)\"\n"
                }
                var inner = record.lastChild
                while inner >= 0 {
                    pending.append((inner, depth + 1, false))
                    inner = records[Int(inner)].previousSibling
                }
                if record.templateContents >= 0 {
                    pending.append((record.templateContents, depth + 1, true))
                }
            case .document, .documentFragment:
                break
            }
        }
        return output
    }
}
