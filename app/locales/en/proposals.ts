import type { proposals as zh } from "../zh-CN/proposals";

export const proposals: Record<keyof typeof zh, string> = {
};
