export const marketplace = {
  "marketplace.unmetProviderKind": "只有社会组织、社工机构和社区基金会可以提交方案",
  "marketplace.unmetVerified": "本需求只接受已认证的组织",
  "marketplace.unmetCertifiedWorkers": "持证社工人数不足本需求的要求",
  "marketplace.unmetServiceArea": "组织的服务区域不包括本需求要求的区域",
  "marketplace.unmetReputation": "本需求要求信誉分，而平台尚无组织信誉记录",
} as const;
