public import NewsCore
import HTML5Parser

extension SourceListing {
    /// What is wrong with a listing written by hand, by field: a missing items selector (HTML), a
    /// selector the parser cannot read, a JSON path that is malformed or outside the items array.
    public var problems: [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        switch kind {
        case .html:
            if items == nil { problems.append(("items", "an html source needs an items selector (each item on the list page)")) }
            for (field, value) in [("items", items), ("next", next)] + fields.map({ ($0.name, Optional($0.value)) }) {
                guard let value else { continue }
                do { _ = try ListPageReader.FieldSelector(value) } catch { problems.append((field, error.message)) }
            }
        case .json:
            if fields.isEmpty { problems.append(("title", "a json source needs field paths such as `data[].title`")) }
            var itemsPath: [JSONFieldPath.Step]?
            if let items {
                do {
                    let path = try JSONFieldPath(items)
                    if let split = path.split, split.field.isEmpty { itemsPath = split.items } else {
                        problems.append(("items", "the items path `\(items)` must end in `[]`"))
                    }
                } catch { problems.append(("items", error.message)) }
            }
            for (field, value) in fields {
                do {
                    let path = try JSONFieldPath(value)
                    guard let split = path.split else {
                        problems.append((field, "`\(value)` has no `[]`: which array holds the items?"))
                        continue
                    }
                    if let itemsPath, itemsPath != split.items {
                        problems.append((field, "`\(value)` is not inside the items array"))
                    }
                    itemsPath = itemsPath ?? split.items
                } catch { problems.append((field, error.message)) }
            }
            if next != nil { problems.append(("next", "pagination is for html sources")) }
        }
        return problems
    }
}
