import type { needs as zh } from "../zh-CN/needs";

export const needs: Record<keyof typeof zh, string> = {
};
