// Messages of the slack adapter. Keep the keys of en and zh identical; prefix keys with 'slack.'.
export const slack = {
  en: {
    'slack.form.openHint': '{title}: this form opens in Slack from `/customer {form}`.',
    'slack.list.more': '…and {count, plural, one {# more block} other {# more blocks}} not shown here; narrow the list with filters.',
    'slack.modal.cancel': 'Cancel',
    'slack.modal.close': 'Close',
    'slack.error.slackApi': 'Slack did not accept our answer ({error}). Please try again in a moment.',
    'slack.error.modal': 'The form could not be opened ({error}). Please run the command again.',
    'slack.error.expired': 'This form came from an older message; please run the command again.',
    'slack.shortcut.noText': 'That message has no text to log.',
    'slack.home.title': 'Your follow-ups',
  },
  zh: {
    'slack.form.openHint': '{title}：在 Slack 中输入 `/customer {form}` 打开此表单。',
    'slack.list.more': '……还有 {count} 项未显示，请用筛选条件缩小列表。',
    'slack.modal.cancel': '取消',
    'slack.modal.close': '关闭',
    'slack.error.slackApi': 'Slack 没有接受我们的回复（{error}），请稍后再试。',
    'slack.error.modal': '表单无法打开（{error}），请重新输入命令。',
    'slack.error.expired': '这个表单来自较早的消息，请重新输入命令。',
    'slack.shortcut.noText': '这条消息没有可记录的文字。',
    'slack.home.title': '你的待跟进',
  },
} as const;
