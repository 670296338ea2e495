/**
 * Cuts a post's sections into passages of a few sentences, the unit that `answer` returns.
 */
import { NAVIGATION_LINE } from '../posts/conventions.ts';
import type { Post } from '../posts/types.ts';

/** A passage before indexing. */
export interface PassageSource {
  /** Position of the post in the index's post list. */
  postIndex: number;
  heading: string;
  text: string;
}

const SENTENCES_PER_PASSAGE = 3;
const MAX_PASSAGE_CHARS = 480;

function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line && !NAVIGATION_LINE.test(line))
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=\S)/))
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** The passages of one post, in reading order. */
export function passagesOf(post: Post, postIndex: number): PassageSource[] {
  const passages: PassageSource[] = [];
  for (const section of post.sections) {
    let current: string[] = [];
    let length = 0;
    const flush = () => {
      if (current.length > 0) passages.push({ postIndex, heading: section.heading, text: current.join(' ') });
      current = [];
      length = 0;
    };
    for (const sentence of sentences(section.text)) {
      if (current.length >= SENTENCES_PER_PASSAGE || (length > 0 && length + sentence.length > MAX_PASSAGE_CHARS)) flush();
      current.push(sentence.length > MAX_PASSAGE_CHARS ? sentence.slice(0, MAX_PASSAGE_CHARS) + '…' : sentence);
      length += sentence.length;
    }
    flush();
  }
  return passages;
}
