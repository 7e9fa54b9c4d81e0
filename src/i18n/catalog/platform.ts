// Messages of the platform area. Keep the keys of en and zh identical.
export const platform = {
  en: {
  },
  zh: {
  },
} as const;
