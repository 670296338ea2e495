/**
 * UI text of announcements and of /subscribe, /unsubscribe, /subscriptions and /status, in
 * Korean and English. The `announce` namespace of the i18n module.
 */
import type { Locale, MessagesOf } from './index.ts';

const ko = {
  newPost: '새 글',
  notEnabled: '이 봇에서는 새 글 알림이 켜져 있지 않습니다.',
  notHere: '구독은 Discord 채널이나 Telegram 채팅 안에서만 할 수 있습니다.',
  noPlace: '이 명령을 실행한 채널을 알 수 없습니다.',
  subscribed: '이 채널을 구독했습니다',
  subscribedAll: '이제부터 게시되는 모든 새 글을 이 채널에 알립니다.',
  subscribedTags: (tags: string) => `이제부터 게시되는 새 글 중 다음 태그가 붙은 글을 이 채널에 알립니다: ${tags}`,
  mentionRole: (role: string) => `알릴 때 역할(ID ${role})을 멘션합니다.`,
  roleOnlyDiscord: '역할 멘션은 Discord에서만 쓸 수 있습니다.',
  badRole: '역할은 역할 ID(숫자)나 역할 멘션으로 입력해 주세요.',
  badTags: '태그는 쉼표로 구분해 입력해 주세요. 예: AI, 보안',
  unsubscribed: '이 채널의 구독을 해제했습니다. 아직 보내지 않은 알림도 취소했습니다.',
  notSubscribed: '이 채널은 구독 중이 아닙니다.',
  subscriptionsTitle: (n: number) => `구독 ${n}개`,
  noSubscriptions: '구독이 없습니다. 알림을 받을 채널에서 /subscribe 를 실행하세요.',
  allPosts: '모든 글',
  since: (date: string) => `${date}부터`,
  thisChannel: '이 채널',
  statusTitle: 'briefbot 상태',
  postsLoaded: (n: number) => `불러온 글 ${n}개`,
  postsKnown: (known: number, announced: number, removed: number) => `기록된 글 ${known}개 (알림 ${announced}, 삭제됨 ${removed})`,
  lastReindex: '마지막 다시 읽기',
  reindexLine: (at: string, files: number, added: number, changed: number, removed: number, skipped: number) =>
    `${at} · 파일 ${files}개 · 추가 ${added} · 변경 ${changed} · 삭제 ${removed} · 건너뜀 ${skipped}`,
  reindexFailed: (at: string, message: string) => `${at} 다시 읽기 실패: ${message}`,
  never: '아직 없음',
  targets: '알림 대상',
  staticTargets: (n: number) => `환경 설정 ${n}개`,
  subscriptionCount: (n: number) => `구독 ${n}개`,
  deliveries: '전달',
  deliveryCounts: (pending: number, sent: number, failed: number) => `대기 ${pending} · 완료 ${sent} · 실패 ${failed}`,
  pending: '대기 중인 전달',
  failed: '실패한 전달',
  nextPublication: '다음 예약 글 게시',
  attempts: (n: number) => `시도 ${n}회`,
  nextTry: (at: string) => `다음 시도 ${at}`,
  none: '없음',
} as const;

export type AnnounceMessages = MessagesOf<typeof ko>;

const en: AnnounceMessages = {
  newPost: 'New post',
  notEnabled: 'Announcements of new posts are not enabled on this bot.',
  notHere: 'Subscriptions work only inside a Discord channel or a Telegram chat.',
  noPlace: 'The channel this command ran in is unknown.',
  subscribed: 'Subscribed this channel',
  subscribedAll: 'Every new post published from now on will be announced here.',
  subscribedTags: (tags: string) => `New posts published from now on with one of these tags will be announced here: ${tags}`,
  mentionRole: (role: string) => `Announcements will mention the role with id ${role}.`,
  roleOnlyDiscord: 'Role mentions exist only on Discord.',
  badRole: 'Give the role as its id (digits) or as a role mention.',
  badTags: 'Separate tags with commas, e.g. AI, security',
  unsubscribed: 'Unsubscribed this channel; announcements not yet sent here were cancelled.',
  notSubscribed: 'This channel is not subscribed.',
  subscriptionsTitle: (n: number) => `${n} subscription(s)`,
  noSubscriptions: 'No subscriptions. Run /subscribe in a channel that should receive announcements.',
  allPosts: 'every post',
  since: (date: string) => `since ${date}`,
  thisChannel: 'this channel',
  statusTitle: 'briefbot status',
  postsLoaded: (n: number) => `${n} posts loaded`,
  postsKnown: (known: number, announced: number, removed: number) => `${known} posts recorded (${announced} announced, ${removed} removed)`,
  lastReindex: 'Last reindex',
  reindexLine: (at: string, files: number, added: number, changed: number, removed: number, skipped: number) =>
    `${at} · ${files} files · ${added} added · ${changed} changed · ${removed} removed · ${skipped} skipped`,
  reindexFailed: (at: string, message: string) => `reindex failed at ${at}: ${message}`,
  never: 'not yet',
  targets: 'Targets',
  staticTargets: (n: number) => `${n} from the environment`,
  subscriptionCount: (n: number) => `${n} subscription(s)`,
  deliveries: 'Deliveries',
  deliveryCounts: (pending: number, sent: number, failed: number) => `${pending} pending · ${sent} sent · ${failed} failed`,
  pending: 'Pending deliveries',
  failed: 'Failed deliveries',
  nextPublication: 'Next scheduled post',
  attempts: (n: number) => `${n} attempt(s)`,
  nextTry: (at: string) => `next try ${at}`,
  none: 'none',
};

export const ANNOUNCE_MESSAGES: Readonly<Record<Locale, AnnounceMessages>> = { ko, en };
