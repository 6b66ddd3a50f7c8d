#!/usr/bin/env python3
"""Regenerates Sources/HTML5Parser/Tokenizer/NamedCharacterReferences.swift from the
named-entity tokenizer tests (which list every entry of the WHATWG table)."""
import json, os, sys
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = os.path.join(root, 'Tests/HTML5ParserTests/Fixtures/html5lib-tests/tokenizer/namedEntities.test')
entities = {}
for test in json.load(open(src))['tests']:
    text, out = test['input'], test['output']
    if text.startswith('&') and len(out) == 1 and out[0][0] == 'Character' and out[0][1] != text:
        entities[text[1:]] = out[0][1]
def escape(s):
    return ''.join('\\u{%X}' % ord(c) for c in s)
# Several entries to a line (they sort together: AElig, AElig;, …) keep the file short to read.
pairs = ['("%s", "%s"),' % (k, escape(entities[k])) for k in sorted(entities)]
body = '\n'.join('    ' + ' '.join(pairs[i:i + 6]) for i in range(0, len(pairs), 6))
header = ('// Generated from the WHATWG named character reference table (via html5lib-tests namedEntities.test).\n'
          '// Do not edit by hand: regenerate with scripts/generate-entities.py.\n\n'
          '/// Every named character reference: the name as written after `&` (with its `;` when the\n'
          '/// table lists it so) and the characters it stands for.\n'
          'let namedCharacterReferenceList: [(String, String)] = [\n')
out = os.path.join(root, 'Sources/HTML5Parser/Tokenizer/NamedCharacterReferences.swift')
open(out, 'w').write(header + body + '\n]\n')
print(len(entities), 'entries')
