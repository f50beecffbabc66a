import { citationText, findAll, fold, fuzzyScore, IWork, keyAtCursor, mergeWorks, narrativePreview, search, sortedKeys } from '../src/works';

const work = (key: string, author: string, year: string, title: string, where: 'entry' | 'library' = 'library'): IWork =>
  ({ key, author, year, title, reference: `${author} (${year}) ${title}.`, where });

const LIBRARY = [
  work('senge1990', 'Senge', '1990', 'The fifth discipline'),
  work('schon1983', 'Schön', '1983', 'The reflective practitioner'),
  work('kolb1984', 'Kolb', '1984', 'Experiential learning'),
  work('doh2010a', 'Department of Health', '2010a', 'Equity and excellence')
];

describe('keyAtCursor', () => {
  it('finds the key being typed after [@ or @', () => {
    expect(keyAtCursor('As argued [@sch')).toEqual({ start: 12, query: 'sch' });
    expect(keyAtCursor('@')).toEqual({ start: 1, query: '' });
    expect(keyAtCursor('[@schon1983; @ko')).toEqual({ start: 14, query: 'ko' });
    expect(keyAtCursor('Senge [-@se')).toEqual({ start: 9, query: 'se' });
  });
  it('ignores e-mail addresses and text after a space', () => {
    expect(keyAtCursor('mail sam@example')).toBeNull();
    expect(keyAtCursor('[@schon1983 and')).toBeNull();
    expect(keyAtCursor('no citation here')).toBeNull();
  });
});

describe('fuzzy search', () => {
  it('folds accents and case both ways', () => {
    expect(fold('Schön')).toBe('schon');
    expect(fuzzyScore('sch', 'Schön')).not.toBeNull();
    expect(fuzzyScore('SCHON', 'schon1983')).not.toBeNull();
  });
  it('matches subsequences and rejects the rest', () => {
    expect(fuzzyScore('rflct', 'The reflective practitioner')).not.toBeNull();
    expect(fuzzyScore('xyz', 'The reflective practitioner')).toBeNull();
    expect(fuzzyScore('sch', 'Glasby and Dickinson')).toBeNull(); // must start at a word
  });
  it('ranks by key, author, year and title', () => {
    expect(search(LIBRARY, 'sch')[0].key).toBe('schon1983');
    expect(search(LIBRARY, 'fifth')[0].key).toBe('senge1990');
    expect(search(LIBRARY, '1984')[0].key).toBe('kolb1984');
    expect(search(LIBRARY, 'health')[0].key).toBe('doh2010a');
    expect(search(LIBRARY, 'qqq')).toEqual([]);
    expect(search(LIBRARY, '')).toHaveLength(4);
  });
  it('puts embedded works before library ones with the same key', () => {
    const embedded = [work('schon1983', 'Schön', '1983', 'Embedded copy', 'entry')];
    const merged = mergeWorks(embedded, LIBRARY);
    expect(merged).toHaveLength(4);
    expect(merged[0].title).toBe('Embedded copy');
  });
});

describe('citationText', () => {
  it('writes parenthetical, multiple, located and narrative citations', () => {
    expect(citationText(['schon1983'])).toBe('[@schon1983]');
    expect(citationText(['schon1983'], { locator: 'p. 6' })).toBe('[@schon1983, p. 6]');
    expect(citationText(['doh2010a', 'doh2010b'])).toBe('[@doh2010a; @doh2010b]');
    expect(citationText(['schon1983'], { narrative: true })).toBe('@schon1983');
    expect(citationText(['senge1990'], { narrative: true, locator: 'p. 40' })).toBe('@senge1990 [p. 40]');
    expect(citationText(['schon1983'], { prefix: 'see', locator: 'pp. 12--15' })).toBe('[see @schon1983, pp. 12--15]');
  });
  it('refuses what pandoc cannot express', () => {
    expect(() => citationText([])).toThrow('at least one');
    expect(() => citationText(['a', 'b'], { narrative: true })).toThrow('one work');
  });
});

describe('findAll', () => {
  it('finds each citation once, longest first, never overlapping', () => {
    const text = 'As [@a; @b] and @a say, [@a]';
    expect(findAll(text, ['[@a; @b]', '@a', '[@a]']).map(f => f.needle)).toEqual(['[@a; @b]', '@a', '[@a]']);
  });
});

describe('several works and the narrative preview', () => {
  const work = (key: string, author: string, year: string, rank: number): IWork =>
    ({ key, author, year, title: key, reference: key, where: 'library', rank });
  const works = [work('doh2010a', 'Department of Health', '2010a', 0), work('doh2010b', 'Department of Health', '2010b', 1),
    work('senge1990', 'Senge', '1990', 2)];

  test('ticked works are written in the reference list order, not the order ticked', () => {
    expect(sortedKeys(works, ['senge1990', 'doh2010b', 'doh2010a'])).toEqual(['doh2010a', 'doh2010b', 'senge1990']);
    expect(citationText(sortedKeys(works, ['doh2010b', 'doh2010a']))).toBe('[@doh2010a; @doh2010b]');
  });

  test('the narrative checkbox names the ticked work, with its locator', () => {
    expect(narrativePreview([works[2]], ' p. 40 ')).toBe('Narrative: Senge (1990, p. 40)');
    expect(narrativePreview([])).toBe('Narrative (tick one work)');
    expect(narrativePreview(works)).toBe('Narrative (one work only)');
  });
});
