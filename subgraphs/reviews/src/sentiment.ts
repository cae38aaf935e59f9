// Sentiment of a review, from lexicons that ship with the code (nothing is downloaded at run time):
//   English: the `sentiment` package (AFINN-165, MIT, the word list inside the npm package), with its
//            own negation handling ("not good").
//   Chinese: ZH_LEXICON (./lexicon-zh.ts, written for mesh360), matched longest-first over the text,
//            with negators (不, 没有 …) flipping and intensifiers (很, 非常 …) scaling the next word of
//            the same clause.
// The label is POSITIVE when the score is at least +1, NEGATIVE at most -1, NEUTRAL between.
// Accuracy on the labelled sample in ../test/fixtures/labelled-reviews.json: `npm run reviews:accuracy`.
import Sentiment from 'sentiment';
import { ZH_INTENSIFIERS, ZH_LEXICON, ZH_NEGATORS } from './lexicon-zh.js';

export const REVIEW_LANGUAGES = ['EN', 'ZH'] as const;
export type ReviewLanguage = (typeof REVIEW_LANGUAGES)[number];
export const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

export interface SentimentResult {
  score: number;
  label: SentimentLabel;
  /** The words or phrases that scored positive (as written, negated ones with their negator). */
  positive: string[];
  negative: string[];
}

const english = new Sentiment();
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** ZH when Han characters, counted twice (a Han character carries about a word), outnumber Latin letters; EN otherwise. */
export function detectLanguage(text: string): ReviewLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return han * 2 > latin ? 'ZH' : 'EN';
}

export function labelOf(score: number): SentimentLabel {
  if (score >= 1) return 'POSITIVE';
  if (score <= -1) return 'NEGATIVE';
  return 'NEUTRAL';
}

export function analyzeSentiment(text: string, language: ReviewLanguage = detectLanguage(text)): SentimentResult {
  if (language === 'ZH') return analyzeChinese(text);
  const result = english.analyze(text);
  const score = result.score;
  return {
    score,
    label: labelOf(score),
    positive: unique(result.positive.map((word) => word.toLowerCase())),
    negative: unique(result.negative.map((word) => word.toLowerCase())),
  };
}

const unique = (words: string[]) => [...new Set(words)];
const LONGEST = Math.max(
  ...[...Object.keys(ZH_LEXICON), ...ZH_NEGATORS, ...Object.keys(ZH_INTENSIFIERS)].map((w) => w.length),
);
const NEGATORS = new Set(ZH_NEGATORS);
/** Ends a clause: modifiers do not reach past it. */
const CLAUSE_END = /[，。！？；、,.!?;\s]/u;

/** The longest lexicon, negator or intensifier entry that starts at `at`. */
function longestAt(
  text: string,
  at: number,
): { word: string; kind: 'lexicon' | 'negator' | 'intensifier' } | undefined {
  for (let length = Math.min(LONGEST, text.length - at); length > 0; length--) {
    const word = text.slice(at, at + length);
    if (word in ZH_LEXICON) return { word, kind: 'lexicon' };
    if (NEGATORS.has(word)) return { word, kind: 'negator' };
    if (word in ZH_INTENSIFIERS) return { word, kind: 'intensifier' };
  }
  return undefined;
}

function analyzeChinese(text: string): SentimentResult {
  let score = 0;
  const positive: string[] = [];
  const negative: string[] = [];
  let negated = false;
  let negator = '';
  let scale = 1;
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (CLAUSE_END.test(char)) {
      negated = false;
      negator = '';
      scale = 1;
      at += 1;
      continue;
    }
    const match = longestAt(text, at);
    if (!match) {
      at += 1;
      continue;
    }
    if (match.kind === 'negator') {
      negated = !negated;
      negator = match.word;
    } else if (match.kind === 'intensifier') {
      scale *= ZH_INTENSIFIERS[match.word];
    } else {
      const value = ZH_LEXICON[match.word] * scale * (negated ? -1 : 1);
      const phrase = negated ? `${negator}${match.word}` : match.word;
      score += value;
      if (value > 0) positive.push(phrase);
      else if (value < 0) negative.push(phrase);
      negated = false;
      negator = '';
      scale = 1;
    }
    at += match.word.length;
  }
  const rounded = Math.round(score * 100) / 100;
  return { score: rounded, label: labelOf(rounded), positive: unique(positive), negative: unique(negative) };
}
