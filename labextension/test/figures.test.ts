import { figureToDescribe, IFigureNames, IOutputJSON, isFigure, ownAlt, withAlt } from '../src/figures';

// As the server hands them over (journal.lab.sidebar.entry_info); the tests of the server check its side.
const NAMES: IFigureNames = { alt: 'alt', image_types: ['image/svg+xml', 'image/png', 'image/jpeg'],
  shown_before: ['text/html', 'text/markdown'] };
const png = (metadata: Record<string, unknown> = {}): IOutputJSON =>
  ({ output_type: 'display_data', data: { 'image/png': 'iVBOR', 'text/plain': '<Figure>' }, metadata });
const text: IOutputJSON = { output_type: 'stream', name: 'stdout', text: 'hello' };

describe('isFigure', () => {
  it('takes a picture, but not one the exports show as HTML instead', () => {
    expect(isFigure(png(), NAMES)).toBe(true);
    expect(isFigure(text, NAMES)).toBe(false);
    expect(isFigure({ output_type: 'display_data', data: { 'image/png': 'x', 'text/html': '<b>' } }, NAMES)).toBe(false);
  });
});

describe('ownAlt', () => {
  it("reads the output's own key first, then its image type's (the kernel hook's)", () => {
    expect(ownAlt(png({ alt: ' Mine ', 'image/png': { alt: 'Hook' } }), NAMES)).toBe('Mine');
    expect(ownAlt(png({ 'image/png': { alt: 'Hook', width: 3 } }), NAMES)).toBe('Hook');
    expect(ownAlt(png(), NAMES)).toBe('');
  });
});

describe('figureToDescribe', () => {
  it('picks the first figure without a text alternative, counting only figures', () => {
    expect(figureToDescribe([text, png({ alt: 'Done' }), png()], NAMES)).toEqual({ index: 2, position: 2, of: 2 });
  });
  it('picks the first figure when all are described, and none in a cell without figures', () => {
    expect(figureToDescribe([png({ alt: 'A' }), png({ alt: 'B' })], NAMES)).toEqual({ index: 0, position: 1, of: 2 });
    expect(figureToDescribe([text], NAMES).index).toBe(-1);
  });
});

describe('withAlt', () => {
  it('writes the trimmed text under the key, keeping the rest and leaving the input alone', () => {
    const before = png({ 'image/png': { width: 3 } });
    const after = withAlt(before, '  Words per week  ', NAMES);
    expect(after.metadata).toEqual({ alt: 'Words per week', 'image/png': { width: 3 } });
    expect(before.metadata).toEqual({ 'image/png': { width: 3 } });
    expect(after.data).toBe(before.data);
  });
  it('removes its own text alternative when given none', () => {
    expect(withAlt(png({ alt: 'Old' }), '  ', NAMES).metadata).toEqual({});
  });
});
