// Messages of the feishu adapter. Keep the keys of en and zh identical; prefix keys with 'feishu.'.
export const feishu = {
  en: {
  },
  zh: {
  },
} as const;
