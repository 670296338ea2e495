import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { describeSubscription, subscriptionPlace } from './announce-support.ts';
import type { ServiceContext } from './services.ts';

/** `123`, `<@&123>` or `@&123` → `123`. */
function roleId(value: string): string | undefined {
  return /^(?:<@&)?@?&?(\d{15,21})>?$/.exec(value.trim())?.[1];
}

export const subscribe = defineCommand({
  name: 'subscribe',
  permission: 'moderator',
  description: {
    ko: '이 채널에 새 글 알림을 받습니다',
    en: 'Announce new posts in this channel',
  },
  options: [
    {
      name: 'tags',
      type: 'string',
      maxLength: 300,
      autocomplete: 'tags',
      description: { ko: '이 태그가 붙은 글만 (쉼표로 구분, 비우면 모든 글)', en: 'Only posts with these tags (comma-separated; empty: every post)' },
    },
    { name: 'role', type: 'string', maxLength: 30, description: { ko: '알릴 때 멘션할 역할 (Discord)', en: 'Role to mention in announcements (Discord)' } },
    { name: 'publish', type: 'boolean', description: { ko: '공지 채널이면 게시(크로스포스트)까지 (Discord)', en: 'Publish (crosspost) in Announcement channels (Discord)' } },
  ] as const,
  run(ctx: ServiceContext, { tags, role, publish }) {
    const { port, platform, place, capabilities, m } = subscriptionPlace(ctx);
    const tagList = (tags ?? '')
      .split(',')
      .map((t) => t.trim().replace(/^#/, ''))
      .filter(Boolean);
    if (tags && tags.trim() && tagList.length === 0) throw new UserError(m.badTags);
    let mentionRoleId: string | undefined;
    if (role && role.trim()) {
      if (!capabilities.mentions) throw new UserError(m.roleOnlyDiscord);
      mentionRoleId = roleId(role);
      if (!mentionRoleId) throw new UserError(m.badRole);
    }
    const sub = port.subscribe(platform, place, tagList, {
      mentionRoleId,
      crosspost: capabilities.crosspost && publish === true,
      by: ctx.invoker.id,
    });
    const text = [sub.tags.length ? m.subscribedTags(sub.tags.join(', ')) : m.subscribedAll];
    if (mentionRoleId) text.push(m.mentionRole(mentionRoleId));
    return { title: m.subscribed, text, footer: describeSubscription(sub, m), kind: 'notice' };
  },
});
