// Messages of the domain area. Keep the keys of en and zh identical.
export const domain = {
  en: {
  },
  zh: {
  },
} as const;
