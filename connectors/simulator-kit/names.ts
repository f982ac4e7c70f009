/**
 * Name pools for simulated people. Deliberately international: diacritics, letters that do
 * not decompose (Ø, ß, Ł), and family-name-first CJK names, because exports, sorting and
 * search must all cope with them.
 */
export interface NameCulture {
  given: readonly string[];
  family: readonly string[];
  /** CJK names are written family name first, without a space. */
  familyFirst: boolean;
}

export const CULTURES: readonly NameCulture[] = [
  {
    familyFirst: false,
    given: ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'John', 'Mary', 'Peter', 'Sarah', 'David', 'Emma', 'Oliver'],
    family: ['Lovelace', 'Hopper', 'Turing', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Smith', 'Brown', 'Taylor', 'Wilson', "O'Brien", 'McAllister'],
  },
  {
    familyFirst: false,
    given: ['Zoë', 'Søren', 'Åsa', 'Jürgen', 'Björk', 'Łukasz', 'Małgorzata', 'Renée', 'François', 'Chloé', 'Müge', 'Dörte'],
    family: ['Ødegård', 'Kierkegaard', 'Müller', 'Straße', 'Wąsowski', 'Lefèvre', 'Dvořák', 'Ångström', 'Çelik', 'Jóhannsdóttir'],
  },
  {
    familyFirst: false,
    given: ['José', 'María', 'Inés', 'João', 'Lucía', 'Andrés', 'Begoña', 'Raúl', 'Ximena', 'Joaquín'],
    family: ['Núñez', 'García', 'Peña', 'Gonçalves', 'Ibáñez', 'Muñoz', 'López', 'Fernández', 'Araújo'],
  },
  {
    familyFirst: true,
    given: ['雷', '芳', '伟', '静', '敏', '强'],
    family: ['李', '王', '张', '陈', '刘', '杨'],
  },
  {
    familyFirst: false,
    given: ['Aarav', 'Priya', 'Kwame', 'Amara', 'Yuki', 'Hiroshi', 'Olamide', 'Nguyễn', 'Thảo', 'Fatima'],
    family: ['Sharma', 'Patel', 'Mensah', 'Okafor', 'Tanaka', 'Sato', 'Adeyemi', 'Trần', 'Haddad'],
  },
];

/** Always generated first (when the organisation is big enough), so tests and demos can count on them. */
export const FEATURED_PEOPLE: ReadonlyArray<{ given: string; family: string; familyFirst: boolean }> = [
  { given: 'Zoë', family: 'Ødegård', familyFirst: false },
  { given: 'José', family: 'Núñez', familyFirst: false },
  { given: '雷', family: '李', familyFirst: true },
];

/** Pinyin for the CJK characters above, so emails stay ASCII like real corporate addresses. */
const ROMANIZED: Record<string, string> = {
  李: 'li', 王: 'wang', 张: 'zhang', 陈: 'chen', 刘: 'liu', 杨: 'yang',
  雷: 'lei', 芳: 'fang', 伟: 'wei', 静: 'jing', 敏: 'min', 强: 'qiang',
};

const NON_DECOMPOSING: Record<string, string> = {
  ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', ß: 'ss', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', þ: 'th', Þ: 'th', ı: 'i',
};

const folded = new Map<string, string>();

/** "Zoë Ødegård" -> "zoeodegard": lower-case ASCII for email local parts. */
export function asciiFold(text: string): string {
  // Memoized: the name pool is small and a 200k-person organisation folds each name often.
  let out = folded.get(text);
  if (out === undefined) {
    out = fold(text);
    folded.set(text, out);
  }
  return out;
}

function fold(text: string): string {
  const mapped = [...text].map((ch) => ROMANIZED[ch] ?? NON_DECOMPOSING[ch] ?? ch).join('');
  return mapped
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
