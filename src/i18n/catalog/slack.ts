// Messages of the slack adapter. Keep the keys of en and zh identical; prefix keys with 'slack.'.
export const slack = {
  en: {
  },
  zh: {
  },
} as const;
