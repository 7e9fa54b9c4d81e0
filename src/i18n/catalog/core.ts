// Messages shared by every area. Keep the keys of en and zh identical.
export const core = {
  en: {
    'error.internal': 'Sorry, something went wrong on our side. Please quote {id} if you report it.',
    'error.forbidden': 'You are not allowed to do that: {reason}',
    'error.tooLong': '{field} is too long ({length, plural, one {# character} other {# characters}}); at most {max}.',
    'error.required': '{field} is required.',
    'error.badValue': '{field}: "{value}" is not valid. Use one of: {allowed}.',
    'error.badNumber': '{field}: "{value}" is not an amount. Write a number such as 12000 or 1.5万.',
    'error.badDate': '{field}: could not read "{value}" as a date. Try 2026-12-01, next tuesday, 下周二 or 3天后.',
    'error.pastDate': '{field}: {value} is in the past; give a future date.',
  },
  zh: {
    'error.internal': '抱歉，系统出了点问题。反馈时请附上编号 {id}。',
    'error.forbidden': '你没有权限这样做：{reason}',
    'error.tooLong': '{field}太长（{length} 个字符），最多 {max} 个。',
    'error.required': '{field}不能为空。',
    'error.badValue': '{field}：“{value}”无效，可选：{allowed}。',
    'error.badNumber': '{field}：“{value}”不是金额，请写数字，例如 12000 或 1.5万。',
    'error.badDate': '{field}：无法识别日期“{value}”。可以写 2026-12-01、下周二、3天后 或 next tuesday。',
    'error.pastDate': '{field}：{value} 已经过去，请给一个将来的日期。',
  },
} as const;
