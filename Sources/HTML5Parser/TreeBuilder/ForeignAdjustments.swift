/// The name and attribute adjustments for SVG and MathML elements.
enum ForeignAdjustments {
    static let svgTagNames: [String: String] = {
        let names = [
            "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform",
            "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
            "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
            "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
            "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
            "feTurbulence", "foreignObject", "glyphRef", "linearGradient", "radialGradient", "textPath",
        ]
        return Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), $0) })
    }()

    static let svgAttributeNames: [String: String] = {
        let names = [
            "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode", "clipPathUnits",
            "diffuseConstant", "edgeMode", "filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
            "kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
            "limitingConeAngle", "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
            "numOctaves", "pathLength", "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX",
            "pointsAtY", "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
            "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
            "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles", "surfaceScale",
            "systemLanguage", "tableValues", "targetX", "targetY", "textLength", "viewBox", "viewTarget",
            "xChannelSelector", "yChannelSelector", "zoomAndPan",
        ]
        return Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), $0) })
    }()

    static let foreignAttributes: [String: (prefix: String?, local: String, namespace: HTMLNamespace)] = [
        "xlink:actuate": ("xlink", "actuate", .xlink), "xlink:arcrole": ("xlink", "arcrole", .xlink),
        "xlink:href": ("xlink", "href", .xlink), "xlink:role": ("xlink", "role", .xlink),
        "xlink:show": ("xlink", "show", .xlink), "xlink:title": ("xlink", "title", .xlink),
        "xlink:type": ("xlink", "type", .xlink), "xml:lang": ("xml", "lang", .xml),
        "xml:space": ("xml", "space", .xml), "xmlns": (nil, "xmlns", .xmlns),
        "xmlns:xlink": ("xmlns", "xlink", .xmlns),
    ]

    /// Applies the MathML or SVG attribute adjustments, the foreign attribute adjustments and, for
    /// SVG, the tag name adjustment.
    static func adjust(_ token: TagToken, namespace: HTMLNamespace) -> TagToken {
        var adjusted = token
        if namespace == .svg, let name = svgTagNames[token.name] { adjusted.name = name }
        for index in adjusted.attributes.indices {
            let name = adjusted.attributes[index].name
            if namespace == .mathml && name == "definitionurl" {
                adjusted.attributes[index].name = "definitionURL"
            } else if namespace == .svg, let fixed = svgAttributeNames[name] {
                adjusted.attributes[index].name = fixed
            } else if let foreign = foreignAttributes[name] {
                adjusted.attributes[index].name = foreign.local
                adjusted.attributes[index].prefix = foreign.prefix
                adjusted.attributes[index].namespace = foreign.namespace
            }
        }
        return adjusted
    }
}
