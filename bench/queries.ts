/**
 * The fixed query mixes: for the real corpus, the project's relevance set (when it exists) and
 * a built-in list; for synthetic corpora, queries derived from the generated topics so that they
 * hit, in every kind a member types: English, Korean with and without particles, cross-language,
 * typos, questions.
 */
import { readFile } from 'node:fs/promises';
import { COMPANIES } from './wordlist.ts';
import type { GeneratedTopic } from './generate-corpus.ts';
import { withParticle } from './generate-corpus.ts';
import { createRandom } from './prng.ts';

export interface BenchQuery {
  query: string;
  kind: string;
}

/** Real-corpus queries used for latency when the relevance set is not there yet. */
export const REAL_CORPUS_QUERIES: readonly BenchQuery[] = [
  { query: 'Nvidia', kind: 'english' },
  { query: 'virtual threads', kind: 'english' },
  { query: 'Raspberry Pi Pico', kind: 'english' },
  { query: 'EU AI Act', kind: 'english' },
  { query: '가상스레드', kind: 'korean' },
  { query: '딥페이크', kind: 'korean' },
  { query: '오픈소스 비디오 편집', kind: 'korean' },
  { query: '엔비디아가', kind: 'korean-particle' },
  { query: '동시성을', kind: 'korean-particle' },
  { query: '보안취약점은', kind: 'korean-particle' },
  { query: '엔비디아', kind: 'cross-language' },
  { query: '자바 가상 스레드', kind: 'cross-language' },
  { query: '구글 제미나이', kind: 'cross-language' },
  { query: 'Kubernets', kind: 'typo' },
  { query: 'virtal threds', kind: 'typo' },
  { query: 'Gemnii 3', kind: 'typo' },
  { query: 'GPT-5는 언제 나왔어?', kind: 'question' },
  { query: 'What is Project Loom?', kind: 'question' },
  { query: '트러스트 월렛 해킹은 어떻게 일어났나요?', kind: 'question' },
];

function typo(word: string, random: ReturnType<typeof createRandom>): string {
  if (word.length < 4) return word + word.at(-1);
  const i = 1 + random.int(word.length - 2);
  return random.chance(0.5)
    ? word.slice(0, i) + word.slice(i + 1) // a dropped letter
    : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // two letters swapped
}

/** `perKind` queries of each kind, built from generated topics (deterministic for a seed). */
export function syntheticQueries(topics: readonly GeneratedTopic[], seed: number, perKind = 10): BenchQuery[] {
  const random = createRandom(seed);
  const queries: BenchQuery[] = [];
  const koreanCompany = (en: string) => COMPANIES.find(([e]) => e === en)?.[1] ?? en;
  for (let n = 0; n < perKind; n++) {
    const t = random.pick(topics);
    const tech = t.techs[0]!;
    const noun = t.nouns[0]!;
    queries.push({ query: `${tech[0]} ${t.company[0]}`, kind: 'english' });
    queries.push({ query: `${tech[1]} ${noun}`, kind: 'korean' });
    queries.push({ query: `${withParticle(tech[1], '를')} ${withParticle(noun, '의')}`, kind: 'korean-particle' });
    queries.push({ query: `${koreanCompany(t.company[0])} ${tech[1]}`, kind: 'cross-language' });
    queries.push({ query: typo(tech[0].split(' ')[0]!, random), kind: 'typo' });
    queries.push({
      query: random.chance(0.5) ? `${withParticle(t.company[0], '가')} 발표한 ${withParticle(tech[1], '는')} 뭐야?` : `What did ${t.company[0]} say about ${tech[0]}?`,
      kind: 'question',
    });
  }
  return queries;
}

/** Reads a JSON file, or undefined when it is not there. */
export async function readJsonIfPresent<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}
