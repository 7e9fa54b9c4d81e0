// Messages of the imports area. Keep the keys of en and zh identical.
export const imports = {
  en: {
  },
  zh: {
  },
} as const;
