import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { XML_FORBIDDEN, xmlElement } from './xml-writer.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

/** Characters XML 1.0 can carry (the writer replaces the rest). */
const xmlSafeString = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(XML_FORBIDDEN, ''));

describe('XML writer', () => {
  it('is always well-formed, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (body, attr) => {
          expect(XMLValidator.validate(`<root>${xmlElement('v', body, { a: attr })}</root>`)).toBe(true);
        },
      ),
    );
  });

  it('round-trips text and attributes through fast-xml-parser (property)', () => {
    fc.assert(
      fc.property(
        xmlSafeString.filter((s) => s.length > 0),
        xmlSafeString,
        (body, attr) => {
          const doc = parser.parse(`<root>${xmlElement('v', body, { a: attr })}</root>`) as {
            root: { v: { '#text': string; '@a': string } };
          };
          expect(doc.root.v['#text']).toBe(body);
          expect(doc.root.v['@a']).toBe(attr);
        },
      ),
    );
  });

  it('escapes markup', () => {
    expect(xmlElement('v', '<script>&"')).toBe('<v>&lt;script&gt;&amp;"</v>');
  });
});
