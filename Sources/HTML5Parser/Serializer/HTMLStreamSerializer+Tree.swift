extension HTMLStreamSerializer {
    /// The token stream of a node and its descendants (the node itself included unless it is a
    /// document or fragment), walked without recursion. `<template>` contents are walked in place.
    public static func tokens(of node: HTMLNode) -> [Token] {
        var tokens: [Token] = []
        let document = node.document
        let root = node.id
        var current = root
        var descending = true
        var templateOwners: [Int32: Int32] = [:]
        while true {
            let record = document.records[Int(current)]
            if descending {
                let hasChildren = open(record, into: &tokens)
                var firstChild = record.firstChild
                if record.templateContents >= 0 {
                    templateOwners[record.templateContents] = current
                    firstChild = document.records[Int(record.templateContents)].firstChild
                }
                if hasChildren, firstChild >= 0 {
                    current = firstChild
                    continue
                }
            }
            close(record, into: &tokens)
            if current == root { break }
            if record.nextSibling >= 0 {
                current = record.nextSibling
                descending = true
            } else {
                current = record.parent
                // A template's contents hang off a fragment; step back out to the template itself.
                if let owner = templateOwners[current] { current = owner }
                descending = false
            }
        }
        return tokens
    }

    /// Emits the opening token; returns whether the node's children should be walked.
    private static func open(_ record: HTMLDocument.Record, into tokens: inout [Token]) -> Bool {
        switch record.kind {
        case .document, .documentFragment:
            return true
        case .doctype:
            tokens.append(.doctype(
                name: record.name,
                publicIdentifier: record.data.isEmpty ? nil : record.data,
                systemIdentifier: record.systemIdentifier.isEmpty ? nil : record.systemIdentifier))
            return false
        case .element:
            if HTMLSerializer.isVoid(record) {
                tokens.append(.emptyTag(name: record.name, attributes: record.attributes))
                return false
            }
            tokens.append(.startTag(name: record.name, namespace: record.namespace, attributes: record.attributes))
            return true
        case .text:
            let isSpace = record.data.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D }
            tokens.append(isSpace ? .spaceCharacters(record.data) : .characters(record.data))
            return false
        case .comment:
            tokens.append(.comment(record.data))
            return false
        }
    }

    private static func close(_ record: HTMLDocument.Record, into tokens: inout [Token]) {
        if record.kind == .element && !HTMLSerializer.isVoid(record) {
            tokens.append(.endTag(name: record.name, namespace: record.namespace))
        }
    }
}
