// The words of a name or a query, as search and the command parser see them:
// compatibility forms folded (full-width letters), lower case, split at
// spaces and punctuation and where Han meets another script (杭州Acme科技 is
// three words), so that Chinese and Latin parts are matched each their own way.

/** any surrogate unit, paired or not (no u flag): a string without one is its own code points */
export const SURROGATE = /[\uD800-\uDFFF]/;

export const SEPARATORS = /[\p{P}\p{S}\p{Z}\p{Cc}\s]+/u;
const RUNS = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const HAN = /^\p{Script=Han}/u;
const LETTERS = /^\p{L}+$/u;

/** what search compares: compatibility forms folded (full-width letters), lower case */
export function foldText(text: string): string {
  return String(text).normalize('NFKC').toLowerCase();
}

/** the words of a text: split at spaces and punctuation, and where Han meets other scripts */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const chunk of foldText(text).split(SEPARATORS)) {
    if (chunk !== '') for (const run of chunk.match(RUNS) ?? []) out.push(run);
  }
  return out;
}

export const isHan = (word: string): boolean => HAN.test(word);
export const isLatinWord = (word: string): boolean => !isHan(word) && LETTERS.test(word);

