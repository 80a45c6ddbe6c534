// The demo logins, one per role of docs/product.md §1 (also listed in the README and on the home page
// outside production). People are invented; places and organisations follow docs/demo-stories.md.
export const DEMO_PASSWORD = "sanshe-demo-2026";

export interface DemoAccount {
  key: string;
  login: string;
  name: string;
  role: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: "admin", login: "admin@sanshe.demo", name: "平台管理员（区民政局）", role: "admin 平台管理员" },
  { key: "resident", login: "13900000001", name: "王秀英（桃花桥社区居民）", role: "resident 居民" },
  { key: "resident2", login: "13900000011", name: "张建国（桃花桥社区居民）", role: "resident 居民" },
  { key: "staff", login: "13900000002", name: "李敏（桃花桥社区居委会）", role: "community_staff 社区工作者" },
  { key: "orgAdmin", login: "shanxing@sanshe.demo", name: "周洁（善行社工服务中心负责人）", role: "org_admin 社工机构管理员" },
  { key: "orgMember", login: "13900000004", name: "陈晨（善行社工，社会工作师）", role: "org_member 社工" },
  { key: "buyer", login: "13900000005", name: "刘科长（梁溪区民政局）", role: "buyer 政府购买方" },
  { key: "reviewer", login: "13900000006", name: "赵教授（评审专家）", role: "reviewer 评审专家" },
  { key: "fundManager", login: "13900000007", name: "孙会计（东路社区公益站）", role: "fund_manager 基金管理人" },
  { key: "supervisor", login: "13900000008", name: "吴主任（东路社区监委会）", role: "supervisor 监委会" },
  { key: "donor", login: "donor@sanshe.demo", name: "何先生（捐赠人）", role: "donor 捐赠人" },
  { key: "applicant", login: "13900000009", name: "黄磊（惠心园筹备人）", role: "org_admin 待审核组织" },
  // Scenario 7 (后堡社区 三事分流) and the street its 大事 go to.
  { key: "houbaoStaff", login: "13900000012", name: "王芳（后堡社区居委会）", role: "community_staff 社区工作者" },
  { key: "nanpingStreet", login: "13900000013", name: "邓科员（南坪街道办事处）", role: "street staff 街道工作人员" },
  { key: "houbaoElder", login: "13900000014", name: "陈婆婆（后堡社区居民）", role: "resident 居民" },
  { key: "houbaoResident", login: "13900000015", name: "刘志强（后堡社区居民）", role: "resident 居民" },
  // Scenario 6 (裕园社区 parking, a deliberation in several rounds).
  { key: "mintaSupervisor", login: "13900000021", name: "冯监事（民泰基金会监事会）", role: "supervisor 监委会" },
  // Scenario 4 (惠景社区 buys services from social organisations).
  { key: "huijingStaff", login: "13900000031", name: "钱主任（惠景社区居委会）", role: "community_staff 社区工作者" },
  { key: "yuyuanStaff", login: "13900000016", name: "孟主任（裕园社区居委会）", role: "community_staff 社区工作者" },
  // Scenario 1 delivered: 桃花桥社区微基金's supervisor, the owners' committee that fits the lights, a third household.
  { key: "taohuaqiaoSupervisor", login: "13900000017", name: "周监事（桃花桥社区监委会）", role: "supervisor 监委会" },
  { key: "ownersCommittee", login: "13900000010", name: "陈主任（移民小区业委会）", role: "org_admin 业主委员会" },
  { key: "resident3", login: "13900000019", name: "杨桂芳（桃花桥社区居民）", role: "resident 居民" },
];

export function demoAccount(key: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.key === key);
  if (!account) throw new Error(`no demo account ${key}`);
  return account;
}
