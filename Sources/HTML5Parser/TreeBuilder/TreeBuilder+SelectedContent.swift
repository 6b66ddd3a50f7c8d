// Customizable <select>: when an option is popped, a <selectedcontent> in its select mirrors the
// selected option's contents.
extension TreeBuilder {
    func optionPopped(_ option: Int32) {
        var select = record(option).parent
        while select >= 0 && !isHTML(select, .select) { select = record(select).parent }
        guard select >= 0 else { return }
        var selectedContent: Int32 = -1
        var firstOption: Int32 = -1
        var lastSelected: Int32 = -1
        var node = document.following(select, within: select)
        while node >= 0 {
            if isHTML(node, .selectedcontent) && selectedContent < 0 { selectedContent = node }
            if isHTML(node, .option) {
                if firstOption < 0 { firstOption = node }
                if record(node).attributes.contains(where: { $0.name == "selected" }) { lastSelected = node }
            }
            node = document.following(node, within: select)
        }
        guard selectedContent >= 0 else { return }
        let chosen = lastSelected >= 0 ? lastSelected : firstOption
        guard chosen == option else { return }
        while record(selectedContent).firstChild >= 0 { document.detach(record(selectedContent).firstChild) }
        var child = record(option).firstChild
        while child >= 0 {
            document.appendChild(document.cloneSubtree(child), to: selectedContent)
            child = record(child).nextSibling
        }
    }
}

extension HTMLDocument {
    /// Deep-copies `node` (detached). Iterative, so depth is unbounded.
    func cloneSubtree(_ node: Int32) -> Int32 {
        func copy(_ source: Int32) -> Int32 {
            var record = records[Int(source)]
            record.parent = -1
            record.firstChild = -1
            record.lastChild = -1
            record.previousSibling = -1
            record.nextSibling = -1
            record.templateContents = -1
            return makeNode(record)
        }
        let root = copy(node)
        var work: [(source: Int32, target: Int32)] = [(node, root)]
        while let (source, target) = work.popLast() {
            var child = records[Int(source)].firstChild
            while child >= 0 {
                let clone = copy(child)
                appendChild(clone, to: target)
                work.append((child, clone))
                child = records[Int(child)].nextSibling
            }
        }
        return root
    }
}
