/**
 * The bilingual term map: Latin and Hangul spellings of one term that the posts themselves
 * carry, as an alias layer beside the curated table. Two kinds of pair are mined per post:
 * - written together, `엔비디아(NVIDIA)`, `Project Loom(프로젝트 룸)` ({@link mineAliasPairs});
 * - a Latin word of the title or tags that a Hangul word of the same post spells, by the
 *   loanword reader (tag `Serverless`, summary `서버리스`): the post confirms what a sound guess
 *   alone would only suggest, so the pair is taken as exact. The index compares the title, tags,
 *   summary and description, not the body: its many words cost five times more and gave few
 *   more pairs (26 against 18 on the real blog, one of them wrong: 해로 = hello).
 *
 * A pair found in one post serves every post: 워리어스 finds a post that only writes Warriors.
 * The map follows the index: {@link BilingualTermMap.addPost} and {@link BilingualTermMap.removePost}
 * count each pair by the posts that carry it, and a pair goes when its last post goes.
 */
import type { Post } from '../posts/types.ts';
import { mineAliasPairs, phraseKeys, type AliasAlternative, type AliasGroup, type AliasLookup } from './aliases.ts';
import { analyzeWords, normalize, type Word } from './analyzer.ts';
import type { LoanwordMatcher } from './loanword.ts';

const LATIN_WORD = /^[a-z]{4,}$/;
const HANGUL_WORD = /^[\uAC00-\uD7A3]{2,}$/;
/** Most distance of a sound-confirmed pair. */
const MAX_PAIR_DISTANCE = 0.6;
/**
 * Two-syllable Hangul words pair only when they sound almost exactly like the Latin word (코드
 * code, 트리 tree): native words of two syllables sound like too many short English words (기타
 * is not gwtar, 다음 not doom).
 */
const SHORT_HANGUL_SYLLABLES = 2;
const MAX_SHORT_PAIR_DISTANCE = 0.1;

/**
 * Pairs of a Latin word of `headTerms` (a post's title and tag terms) and a Hangul word of
 * `postTerms` (its other word terms) that the loanword reader reads as the same word. Both must
 * have been added to `matcher` (the index's, fed every word of the index as the build meets it).
 */
export function spellingPairs(headTerms: Iterable<string>, postTerms: Iterable<string>, matcher: LoanwordMatcher): AliasGroup[] {
  const latin = new Set<string>();
  for (const term of headTerms) if (LATIN_WORD.test(term)) latin.add(term);
  if (latin.size === 0) return [];
  const hangul = new Set<string>();
  for (const term of postTerms) if (HANGUL_WORD.test(term)) hangul.add(term);
  return matcher.closestPairs(hangul, latin, (term) => (term.length <= SHORT_HANGUL_SYLLABLES ? MAX_SHORT_PAIR_DISTANCE : MAX_PAIR_DISTANCE));
}

/** The pairs one post carries, both kinds (see the module comment). */
export function minePostPairs(post: Post, headTerms: Iterable<string>, postTerms: Iterable<string>, matcher: LoanwordMatcher): AliasGroup[] {
  return [...mineAliasPairs([post]), ...spellingPairs(headTerms, postTerms, matcher)];
}

interface Counted {
  terms: AliasAlternative;
  posts: number;
}

/** Mined pairs, counted by the posts that carry them, looked up like an alias table. */
export class BilingualTermMap implements AliasLookup {
  /** Phrase key → the other spellings (joined terms → spelling and its count of posts). */
  private readonly byKey = new Map<string, Map<string, Counted>>();
  /** Post id → the pairs it added (as keys of {@link byKey} and the spelling under each), for removal. */
  private readonly byPost = new Map<string, [string, string][]>();

  /** Adds the pairs of a post (replacing what the post added before, if it was added). */
  addPost(postId: string, pairs: readonly AliasGroup[]): void {
    this.removePost(postId);
    const added: [string, string][] = [];
    const once = new Set<string>();
    for (const pair of pairs) {
      const members = pair.map((member) => analyzeWords(member)).filter((words) => words.length > 0 && words.length <= 3);
      if (members.length < 2) continue;
      const id = pair.map((member) => normalize(member)).sort().join('\u0000');
      if (once.has(id)) continue;
      once.add(id);
      for (const member of members) {
        for (const other of members) {
          if (other === member) continue;
          const terms = other.map((word) => word.term);
          for (const key of phraseKeys(member)) {
            const spellings = this.byKey.get(key) ?? new Map<string, Counted>();
            const joined = terms.join(' ');
            const counted = spellings.get(joined) ?? { terms, posts: 0 };
            counted.posts++;
            spellings.set(joined, counted);
            this.byKey.set(key, spellings);
            added.push([key, joined]);
          }
        }
      }
    }
    if (added.length > 0) this.byPost.set(postId, added);
  }

  /** Takes out the pairs a post added; a pair no other post carries is gone. */
  removePost(postId: string): void {
    for (const [key, joined] of this.byPost.get(postId) ?? []) {
      const spellings = this.byKey.get(key);
      const counted = spellings?.get(joined);
      if (!spellings || !counted) continue;
      if (--counted.posts === 0) spellings.delete(joined);
      if (spellings.size === 0) this.byKey.delete(key);
    }
    this.byPost.delete(postId);
  }

  /** Every key with its spellings and their counts of posts, sorted (a test compares it with a fresh build's). @internal */
  describe(): string[] {
    const lines: string[] = [];
    for (const [key, spellings] of this.byKey) for (const [joined, counted] of spellings) lines.push(`${key} → ${joined} ×${counted.posts}`);
    return lines.sort();
  }

  find(words: readonly Word[]): readonly AliasAlternative[] | undefined {
    for (const key of phraseKeys(words)) {
      const spellings = this.byKey.get(key);
      if (spellings && spellings.size > 0) return [...spellings.values()].map((counted) => counted.terms);
    }
    return undefined;
  }
}

/** Two lookups as one: the alternatives of both, the first's first. */
export function chainLookups(first: AliasLookup, second: AliasLookup): AliasLookup {
  return {
    find(words) {
      const a = first.find(words);
      const b = second.find(words);
      if (!a) return b;
      if (!b) return a;
      const seen = new Set(a.map((terms) => terms.join(' ')));
      return [...a, ...b.filter((terms) => !seen.has(terms.join(' ')))];
    },
  };
}
