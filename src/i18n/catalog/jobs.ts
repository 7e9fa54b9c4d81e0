// Messages of the jobs area. Keep the keys of en and zh identical.
export const jobs = {
  en: {
  },
  zh: {
  },
} as const;
