"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import type { ReactNode } from "react";

export interface TabSpec<K extends string> {
  key: K;
  label: string;
}

interface TabsProps<K extends string> {
  label: string;
  tabs: readonly TabSpec<K>[];
  current: K;
  onChange: (key: K) => void;
  children: ReactNode;
}

/**
 * WAI-ARIA tabs on Radix: arrow keys, Home and End move between tabs and
 * select them (automatic activation), Tab leaves the list for the panel.
 * Controlled: the caller holds the current tab (in the URL or in state) and
 * passes only the current panel's content, so one panel is rendered.
 */
export function Tabs<K extends string>({ label, tabs, current, onChange, children }: TabsProps<K>) {
  return (
    <RadixTabs.Root
      value={current}
      onValueChange={(value) => {
        const tab = tabs.find((t) => t.key === value);
        if (tab) onChange(tab.key);
      }}
      activationMode="automatic"
    >
      <RadixTabs.List aria-label={label} loop className="mb-4 flex gap-1 border-b border-border">
        {tabs.map((tab) => (
          <RadixTabs.Trigger
            key={tab.key}
            value={tab.key}
            className="-mb-px border-b-2 px-3 py-2 text-sm data-[state=active]:border-accent data-[state=active]:font-medium data-[state=active]:text-accent data-[state=inactive]:border-transparent data-[state=inactive]:text-fg-muted data-[state=inactive]:hover:text-fg"
          >
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      <RadixTabs.Content value={current}>{children}</RadixTabs.Content>
    </RadixTabs.Root>
  );
}
