// Messages of the commands area. Keep the keys of en and zh identical.
export const commands = {
  en: {
  },
  zh: {
  },
} as const;
