/**
 * Schema versions of the state database, applied in order. `PRAGMA user_version` holds how many
 * have run. Never edit a migration that has shipped: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: known posts, subscriptions, outbox, meta.
  `
  CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    -- when briefbot first saw the post published (ms since epoch)
    first_published_at INTEGER NOT NULL,
    -- 'baseline': existed before briefbot started announcing (never sent);
    -- 'announced': deliveries were enqueued for it
    disposition TEXT NOT NULL CHECK (disposition IN ('baseline', 'announced')),
    removed_at INTEGER,
    -- the post as it was announced (JSON), so pending deliveries survive edits and restarts
    snapshot TEXT
  );

  CREATE TABLE subscriptions (
    platform TEXT NOT NULL,
    place TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    mention_role_id TEXT,
    crosspost INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by TEXT,
    PRIMARY KEY (platform, place)
  );

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id TEXT NOT NULL REFERENCES posts (id),
    target_key TEXT NOT NULL,
    target TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at INTEGER NOT NULL,
    message_id TEXT,
    last_error TEXT,
    nonce TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (post_id, target_key)
  );
  CREATE INDEX outbox_by_state_target ON outbox (state, target_key, id);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: platform extras travel as target options (JSON), not columns. Subscriptions' role and
  // crosspost columns become `options`; pending and finished outbox rows get the same shape.
  `
  ALTER TABLE subscriptions ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
  UPDATE subscriptions SET options = json_patch(
    CASE WHEN mention_role_id IS NOT NULL THEN json_object('mentionRoleId', mention_role_id) ELSE '{}' END,
    CASE WHEN crosspost = 1 THEN json_object('crosspost', json('true')) ELSE '{}' END
  );
  ALTER TABLE subscriptions DROP COLUMN mention_role_id;
  ALTER TABLE subscriptions DROP COLUMN crosspost;
  UPDATE outbox SET target = json_remove(
    json_set(target, '$.options', json_patch(
      CASE WHEN json_extract(target, '$.mentionRoleId') IS NOT NULL THEN json_object('mentionRoleId', json_extract(target, '$.mentionRoleId')) ELSE '{}' END,
      CASE WHEN json_extract(target, '$.crosspost') THEN json_object('crosspost', json('true')) ELSE '{}' END
    )),
    '$.mentionRoleId', '$.crosspost'
  )
  WHERE json_extract(target, '$.mentionRoleId') IS NOT NULL OR json_extract(target, '$.crosspost') IS NOT NULL;
  `,
  // 3: consecutive transient failures of a delivery as a number (it was written into last_error
  // as "transient (N): ..." and read back from there).
  `
  ALTER TABLE outbox ADD COLUMN transient_failures INTEGER NOT NULL DEFAULT 0;
  UPDATE outbox SET transient_failures = CAST(substr(last_error, 12, instr(last_error, ')') - 12) AS INTEGER)
  WHERE last_error GLOB 'transient ([0-9]*)*';
  `,
  // 4 (conversation, issue 12): what the bot showed per conversation, and what members asked,
  // with their votes. Its own migration, appended after the announcements' ones.
  `
  CREATE TABLE conversation_turns (
    message_key TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    -- ms since epoch
    at INTEGER NOT NULL,
    -- the Turn as JSON (post ids, topic, range, question)
    turn TEXT NOT NULL
  );
  CREATE INDEX conversation_turns_by_conversation ON conversation_turns (conversation_id, at);
  CREATE INDEX conversation_turns_by_at ON conversation_turns (at);

  CREATE TABLE asked_questions (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    -- the platform user id, nothing more about who asked
    member_id TEXT NOT NULL,
    text TEXT NOT NULL,
    topic TEXT NOT NULL,
    answered INTEGER NOT NULL
  );
  CREATE INDEX asked_questions_by_at ON asked_questions (at);

  CREATE TABLE answer_votes (
    question_id TEXT NOT NULL REFERENCES asked_questions (id) ON DELETE CASCADE,
    member_id TEXT NOT NULL,
    value TEXT NOT NULL CHECK (value IN ('up', 'down')),
    PRIMARY KEY (question_id, member_id)
  );
  `,
];
