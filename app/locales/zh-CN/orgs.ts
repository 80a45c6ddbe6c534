export const orgs = {
  "orgs.registerLink": "登记一个组织",
  "orgs.status.pending": "待审核",
  "orgs.status.verified": "已认证",
  "orgs.status.rejected": "未通过",
} as const;
