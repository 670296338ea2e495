/**
 * The vocabulary of the synthetic corpora: what the real blog writes about (companies, English
 * tech terms and their Korean spellings, Korean nouns) and the Korean particles that the search
 * has to see through. Hand-written so the corpus is reproducible without any download.
 */

/** A company as the posts write it: the English name (used inside Korean text) and the Korean one. */
export const COMPANIES: readonly (readonly [en: string, ko: string])[] = [
  ['Nvidia', '엔비디아'], ['Google', '구글'], ['Microsoft', '마이크로소프트'], ['Apple', '애플'],
  ['Amazon', '아마존'], ['Meta', '메타'], ['OpenAI', '오픈AI'], ['Anthropic', '앤트로픽'],
  ['Samsung', '삼성'], ['Intel', '인텔'], ['AMD', 'AMD'], ['Tesla', '테슬라'], ['Netflix', '넷플릭스'],
  ['Cloudflare', '클라우드플레어'], ['GitHub', '깃허브'], ['Mozilla', '모질라'], ['Oracle', '오라클'],
  ['IBM', 'IBM'], ['Qualcomm', '퀄컴'], ['Arm', 'ARM'], ['TSMC', 'TSMC'], ['Huawei', '화웨이'],
  ['Xiaomi', '샤오미'], ['Sony', '소니'], ['Valve', '밸브'], ['Spotify', '스포티파이'],
  ['Uber', '우버'], ['Stripe', '스트라이프'], ['Vercel', '버셀'], ['Docker', '도커'],
  ['Red Hat', '레드햇'], ['Canonical', '캐노니컬'], ['Mistral', '미스트랄'], ['DeepSeek', '딥시크'],
  ['Hugging Face', '허깅페이스'], ['Broadcom', '브로드컴'], ['Naver', '네이버'], ['Kakao', '카카오'],
  ['LG', 'LG'], ['SK hynix', 'SK하이닉스'], ['Adobe', '어도비'], ['Salesforce', '세일즈포스'],
  ['Shopify', '쇼피파이'], ['Discord', '디스코드'], ['Telegram', '텔레그램'], ['Signal', '시그널'],
  ['Proton', '프로톤'], ['JetBrains', '젯브레인'], ['Raspberry Pi', '라즈베리파이'], ['Framework', '프레임워크'],
];

/** Tech terms: English as in tags and text, Korean as a reader might type it (cross-language queries). */
export const TECH_TERMS: readonly (readonly [en: string, ko: string])[] = [
  ['Kubernetes', '쿠버네티스'], ['Docker', '도커'], ['Rust', '러스트'], ['Python', '파이썬'],
  ['JavaScript', '자바스크립트'], ['TypeScript', '타입스크립트'], ['Java', '자바'], ['Go', '고 언어'],
  ['WebAssembly', '웹어셈블리'], ['Linux', '리눅스'], ['database', '데이터베이스'], ['PostgreSQL', '포스트그레스'],
  ['SQLite', 'SQLite'], ['Redis', '레디스'], ['GPU', '그래픽카드'], ['CPU', '프로세서'],
  ['LLM', '대규모 언어 모델'], ['AI Agent', 'AI 에이전트'], ['RAG', '검색 증강 생성'], ['transformer', '트랜스포머'],
  ['compiler', '컴파일러'], ['browser', '브라우저'], ['Chrome', '크롬'], ['Firefox', '파이어폭스'],
  ['Android', '안드로이드'], ['iOS', 'iOS'], ['smartphone', '스마트폰'], ['semiconductor', '반도체'],
  ['chip', '칩'], ['data center', '데이터센터'], ['cloud', '클라우드'], ['serverless', '서버리스'],
  ['microservices', '마이크로서비스'], ['API', 'API'], ['GraphQL', 'GraphQL'], ['encryption', '암호화'],
  ['vulnerability', '취약점'], ['ransomware', '랜섬웨어'], ['phishing', '피싱'], ['malware', '악성코드'],
  ['open source', '오픈소스'], ['blockchain', '블록체인'], ['cryptocurrency', '암호화폐'], ['Bitcoin', '비트코인'],
  ['Ethereum', '이더리움'], ['robotics', '로봇공학'], ['autonomous driving', '자율주행'], ['electric vehicle', '전기차'],
  ['battery', '배터리'], ['quantum computing', '양자컴퓨팅'], ['virtual threads', '가상 스레드'], ['concurrency', '동시성'],
  ['garbage collector', '가비지 컬렉터'], ['memory safety', '메모리 안전성'], ['terminal', '터미널'], ['shell', '셸'],
  ['Git', '깃'], ['CI/CD', '지속적 통합'], ['observability', '관측성'], ['monitoring', '모니터링'],
  ['VR headset', 'VR 헤드셋'], ['game engine', '게임 엔진'], ['Steam Deck', '스팀덱'], ['emulator', '에뮬레이터'],
  ['privacy', '개인정보 보호'], ['GDPR', 'GDPR'], ['EU AI Act', 'EU AI 법'], ['copyright', '저작권'],
  ['deepfake', '딥페이크'], ['chatbot', '챗봇'], ['coding assistant', '코딩 어시스턴트'], ['vibe coding', '바이브 코딩'],
  ['SSD', 'SSD'], ['RAM', '메모리'], ['firmware', '펌웨어'], ['kernel', '커널'],
  ['container', '컨테이너'], ['virtual machine', '가상 머신'], ['edge computing', '엣지 컴퓨팅'], ['5G', '5G'],
  ['satellite', '위성'], ['drone', '드론'], ['wearable', '웨어러블'], ['smart glasses', '스마트 안경'],
  ['search engine', '검색 엔진'], ['recommendation', '추천 시스템'], ['streaming', '스트리밍'], ['video codec', '비디오 코덱'],
  ['Three.js', 'Three.js'], ['WebGL', 'WebGL'], ['Node.js', '노드'], ['Deno', 'Deno'],
];

/** Korean nouns of the blog's register (no English counterpart needed). */
export const KOREAN_NOUNS: readonly string[] = [
  '보안', '성능', '생산성', '개발자', '인공지능', '생성형 AI', '규제', '투자', '스타트업', '시장',
  '경쟁', '점유율', '사용자', '개인정보', '데이터', '모델', '추론', '학습', '효율', '비용',
  '전력', '인프라', '플랫폼', '생태계', '표준', '호환성', '업데이트', '출시', '발표', '인수',
  '소송', '정책', '정부', '교육', '연구', '논문', '벤치마크', '최적화', '아키텍처', '설계',
  '도구', '라이브러리', '프레임워크', '서비스', '구독', '가격', '광고', '검색', '번역', '음성인식',
  '이미지 생성', '영상', '게임', '하드웨어', '소프트웨어', '운영체제', '네트워크', '통신', '위성', '에너지',
  '자동화', '일자리', '노동', '윤리', '신뢰', '투명성', '해킹', '유출', '사고', '장애',
  '복구', '백업', '배포', '테스트', '디버깅', '리팩터링', '문서화', '커뮤니티', '기여자', '라이선스',
];

/** Korean particles, by whether the word before ends in a consonant (받침) or a vowel. */
export const PARTICLES: readonly (readonly [afterConsonant: string, afterVowel: string])[] = [
  ['이', '가'], ['은', '는'], ['을', '를'], ['과', '와'], ['으로', '로'], ['의', '의'], ['에서', '에서'],
  ['에', '에'], ['도', '도'], ['만', '만'], ['이라는', '라는'], ['까지', '까지'], ['부터', '부터'],
];

/** English tags the real posts use besides the terms above (case variants on purpose). */
export const EXTRA_TAGS: readonly string[] = [
  'AI', 'ai', 'Security', 'security', 'DevOps', 'Open Source', 'Hardware', 'Gaming', 'Privacy',
  'Machine Learning', 'Generative AI', 'Cloud', 'Startup', 'Regulation', 'Performance', 'Web',
];

/** Category pairs of the Chirpy front matter. */
export const CATEGORIES: readonly (readonly [string, string])[] = [
  ['AI', 'Tech'], ['Security', 'Tech'], ['Development', 'Tech'], ['Hardware', 'Tech'],
  ['Business', 'Tech'], ['Science', 'Tech'], ['Gaming', 'Entertainment'],
];

/** English words for file-name slugs (the real slugs come from the original English titles). */
export const SLUG_WORDS: readonly string[] = [
  'how', 'why', 'the', 'new', 'future', 'of', 'is', 'building', 'launches', 'announces', 'review',
  'inside', 'update', 'release', 'guide', 'faster', 'secure', 'open', 'model', 'chip', 'data',
  'cloud', 'agent', 'code', 'linux', 'rust', 'browser', 'privacy', 'hack', 'breach', 'deal',
  'lawsuit', 'team', 'developers', 'users', 'week', 'year', '2026', 'best', 'tools', 'game',
];
