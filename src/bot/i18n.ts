/** UI languages briefbot speaks. */
export type Locale = 'ko' | 'en';

export const LOCALES: readonly Locale[] = ['ko', 'en'];

/**
 * Picks a UI locale from what a platform says about the user (`ko`, `ko-KR`, `en-US`, ...);
 * anything else falls back to the bot's default.
 */
export function resolveLocale(platformLocale: string | undefined, fallback: Locale): Locale {
  const lang = platformLocale?.toLowerCase().split(/[-_]/)[0];
  return lang === 'ko' || lang === 'en' ? lang : fallback;
}

const ko = {
  apology: '죄송합니다. 처리 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.',
  notAllowed: '이 명령은 운영자만 사용할 수 있습니다.',
  notReady: '글을 불러오는 중입니다. 잠시 후 다시 시도해 주세요.',
  missingOption: (name: string) => `\`${name}\` 값을 입력해 주세요.`,
  notANumber: (name: string, min: number, max: number) => `\`${name}\`에는 ${min}부터 ${max}까지의 숫자를 입력해 주세요.`,
  tooLong: (name: string, max: number) => `\`${name}\`이(가) 너무 깁니다 (최대 ${max}자).`,
  unknownCommand: (name: string) => `알 수 없는 명령입니다: ${name}. /help 로 명령 목록을 확인하세요.`,
  noMatch: (query: string) => `"${query}"에 맞는 글을 찾지 못했습니다. 다른 낱말로 찾아보거나 /tags 로 태그를 둘러보세요.`,
  emptyQuery: '찾을 내용을 입력해 주세요. 예: /summary 엔비디아',
  otherMatches: '다른 결과',
  summaryHeading: '3줄 요약',
  tags: '태그',
  date: '날짜',
  readPost: '글 보기',
  readSource: '원문 보기',
  unknownTag: (tag: string) => `"${tag}" 태그가 붙은 글이 없습니다. /tags 로 태그 목록을 보세요.`,
  didYouMean: (tags: string) => `비슷한 태그: ${tags}`,
  tagTitle: (tag: string, count: number) => `#${tag} 글 ${count}개`,
  tagsTitle: (count: number) => `태그 ${count}개`,
  latestTitle: '최신 글',
  noPosts: '아직 게시된 글이 없습니다.',
  page: (page: number, pages: number) => `${page}/${pages} 쪽`,
  previous: '◀ 이전',
  next: '다음 ▶',
  pageOutOfRange: (pages: number) => `쪽 번호는 1부터 ${pages}까지입니다.`,
  askTitle: (question: string) => `질문: ${question}`,
  noAnswer: '블로그 글에서 이 질문에 대한 답을 찾지 못했습니다. 다른 표현으로 물어보거나 /summary 로 찾아보세요.',
  emptyQuestion: '질문을 입력해 주세요. 예: /ask 엔비디아의 새 GPU는 무엇인가요?',
  unknownPost: '그 글을 찾을 수 없습니다. 글이 삭제되었거나 주소가 바뀌었을 수 있습니다.',
  reindexTitle: '다시 읽기 완료',
  reindexSummary: (posts: number, files: number, ms: number) => `글 ${posts}개 (파일 ${files}개, ${ms}ms)`,
  added: '추가',
  changed: '변경',
  removed: '삭제',
  skipped: '건너뜀',
  repaired: '인코딩 복구',
  warnings: '경고',
  none: '없음',
  andMore: (n: number) => `외 ${n}개`,
  helpTitle: 'briefbot 도움말',
  helpIntro: '블로그의 요약 글을 찾아 드립니다. 명령 목록:',
  moderatorOnly: '(운영자)',
  greeting: '안녕하세요! 블로그 글을 요약해서 보여 드리는 briefbot입니다.',
  buttonExpired: '이 버튼은 더 이상 쓸 수 없습니다. 명령을 다시 실행해 주세요.',
} as const;

export type Messages = { readonly [K in keyof typeof ko]: (typeof ko)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

const en: Messages = {
  apology: 'Sorry, something went wrong on our side. Please try again in a moment.',
  notAllowed: 'Only moderators can use this command.',
  notReady: 'The posts are still loading. Please try again in a moment.',
  missingOption: (name) => `Please give a value for \`${name}\`.`,
  notANumber: (name, min, max) => `\`${name}\` must be a number from ${min} to ${max}.`,
  tooLong: (name, max) => `\`${name}\` is too long (at most ${max} characters).`,
  unknownCommand: (name) => `Unknown command: ${name}. Try /help for the list.`,
  noMatch: (query) => `No good match for "${query}". Try other words, or browse the tags with /tags.`,
  emptyQuery: 'Please say what to look for, e.g. /summary nvidia',
  otherMatches: 'Other matches',
  summaryHeading: 'Summary',
  tags: 'Tags',
  date: 'Date',
  readPost: 'Read the post',
  readSource: 'Original article',
  unknownTag: (tag) => `No posts are tagged "${tag}". See /tags for the list.`,
  didYouMean: (tags) => `Similar tags: ${tags}`,
  tagTitle: (tag, count) => `#${tag}: ${count} posts`,
  tagsTitle: (count) => `${count} tags`,
  latestTitle: 'Latest posts',
  noPosts: 'No posts have been published yet.',
  page: (page, pages) => `page ${page}/${pages}`,
  previous: '◀ Previous',
  next: 'Next ▶',
  pageOutOfRange: (pages) => `Pages run from 1 to ${pages}.`,
  askTitle: (question) => `Q: ${question}`,
  noAnswer: "The posts don't answer that. Try asking another way, or search with /summary.",
  emptyQuestion: 'Please ask a question, e.g. /ask what is new in Nvidia GPUs?',
  unknownPost: 'That post is gone: it may have been removed or renamed.',
  reindexTitle: 'Reindex complete',
  reindexSummary: (posts, files, ms) => `${posts} posts (${files} files, ${ms} ms)`,
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  skipped: 'Skipped',
  repaired: 'Encoding repaired',
  warnings: 'Warnings',
  none: 'none',
  andMore: (n) => `and ${n} more`,
  helpTitle: 'briefbot help',
  helpIntro: 'Finds the blog’s summarized posts for you. Commands:',
  moderatorOnly: '(moderators)',
  greeting: 'Hello! I am briefbot: I show the blog’s posts as short summaries.',
  buttonExpired: 'This button has expired. Please run the command again.',
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { ko, en };
