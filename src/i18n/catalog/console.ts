// Messages of the console adapter. Keep the keys of en and zh identical; prefix keys with 'console.'.
export const consoleChat = {
  en: {
  },
  zh: {
  },
} as const;
