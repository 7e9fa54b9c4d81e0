// Messages of the feishu adapter. Keep the keys of en and zh identical; prefix keys with 'feishu.'.
export const feishu = {
  en: {
    'feishu.fixErrors': 'Please correct the marked fields and submit again.',
    'feishu.card.more': '…and {count, plural, one {# more item} other {# more items}} not shown on this card; narrow the list with filters.',
    'feishu.sentPrivately': 'I sent you the answer in a direct message, since it is only for you.',
    'feishu.textOnly': 'I only read text messages. Send a command such as "customer help".',
    'feishu.done': 'Done',
    'feishu.staleCard': 'This card is out of date. Send the command again.',
    'feishu.pickDate': 'Pick a date',
  },
  zh: {
    'feishu.fixErrors': '请修改标出的字段后重新提交。',
    'feishu.card.more': '……还有 {count} 项未在此卡片显示，请用筛选条件缩小列表。',
    'feishu.sentPrivately': '这条结果只给你看，已私信发给你。',
    'feishu.textOnly': '我只能读文字消息。试试发送“客户 帮助”。',
    'feishu.done': '已完成',
    'feishu.staleCard': '这张卡片已过期，请重新发送命令。',
    'feishu.pickDate': '选择日期',
  },
} as const;
