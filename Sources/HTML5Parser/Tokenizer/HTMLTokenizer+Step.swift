// The dispatcher: one call runs the current state until it has queued at least one token or
// changed state.
extension HTMLTokenizer {
    func step() {
        switch state {
        case .data: dataState()
        case .rcdata: rcdataState()
        case .rawtext: rawtextState()
        case .scriptData: scriptDataState()
        case .plaintext: plaintextState()
        case .tagOpen: tagOpenState()
        case .endTagOpen: endTagOpenState()
        case .tagName: tagNameState()
        case .scriptDataEscapeStart, .scriptDataEscapeStartDash, .scriptDataEscaped, .scriptDataEscapedDash,
            .scriptDataEscapedDashDash, .scriptDataEscapedLessThan, .scriptDataDoubleEscapeStart,
            .scriptDataDoubleEscaped, .scriptDataDoubleEscapedDash, .scriptDataDoubleEscapedDashDash,
            .scriptDataDoubleEscapedLessThan, .scriptDataDoubleEscapeEnd:
            scriptDataEscapeStates()
        case .beforeAttributeName: beforeAttributeNameState()
        case .attributeName: attributeNameState()
        case .afterAttributeName: afterAttributeNameState()
        case .beforeAttributeValue: beforeAttributeValueState()
        case .attributeValueDoubleQuoted: attributeValueQuotedState(quote: 0x22)
        case .attributeValueSingleQuoted: attributeValueQuotedState(quote: 0x27)
        case .attributeValueUnquoted: attributeValueUnquotedState()
        case .afterAttributeValueQuoted: afterAttributeValueQuotedState()
        case .selfClosingStartTag: selfClosingStartTagState()
        case .bogusComment: bogusCommentState()
        case .markupDeclarationOpen: markupDeclarationOpenState()
        case .commentStart, .commentStartDash, .comment, .commentLessThan, .commentLessThanBang,
            .commentLessThanBangDash, .commentLessThanBangDashDash, .commentEndDash, .commentEnd, .commentEndBang:
            commentStates()
        case .doctype, .beforeDoctypeName, .doctypeName, .afterDoctypeName:
            doctypeNameStates()
        case .afterDoctypePublicKeyword, .beforeDoctypePublicIdentifier, .doctypePublicIdentifierDoubleQuoted,
            .doctypePublicIdentifierSingleQuoted, .afterDoctypePublicIdentifier,
            .betweenDoctypePublicAndSystemIdentifiers, .afterDoctypeSystemKeyword,
            .beforeDoctypeSystemIdentifier, .doctypeSystemIdentifierDoubleQuoted,
            .doctypeSystemIdentifierSingleQuoted, .afterDoctypeSystemIdentifier, .bogusDoctype:
            doctypeIdentifierStates()
        case .cdataSection: cdataSectionState()
        }
    }
}
