"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { downloadTextFile } from "@/lib/download-file";
import { useErrorMessage } from "@/lib/use-error-message";

interface CsvButtonProps {
  label: string;
  /** Reads the CSV (the BFF builds it from the same reading as the page). */
  fetchCsv: () => Promise<{ filename: string; csv: string }>;
  disabled?: boolean;
}

/** Downloads a CSV the BFF made; a failure is said next to the button. */
export function CsvButton({ label, fetchCsv, disabled }: CsvButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorMessageOf = useErrorMessage();
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { filename, csv } = await fetchCsv();
      downloadTextFile(filename, csv, "text/csv;charset=utf-8");
    } catch (err) {
      setError(errorMessageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex items-center gap-2">
      <Button size="sm" onClick={() => void download()} busy={busy} disabled={disabled}>
        <Download size={14} aria-hidden /> {label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </div>
  );
}
