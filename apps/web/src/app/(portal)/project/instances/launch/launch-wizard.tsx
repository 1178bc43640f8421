"use client";

import { clsx } from "clsx";
import { Check, Rocket } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { ShowCli } from "@/components/cli/show-cli";
import { TableError } from "@/components/data-table/table-states";
import { FormError } from "@/components/form/form-error";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { type FieldErrors, validateForm } from "@/lib/field-errors";
import { serverCreate } from "@/lib/openstack-cli/compute";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import {
  flavorBlockedReason,
  LAUNCH_STEPS,
  type LaunchDraft,
  type LaunchStepId,
  launchSchema,
  remaining,
  STEP_FIELDS,
  stepOfField,
} from "./launch-schema";
import {
  ConfigurationStep,
  DetailsStep,
  FlavorStep,
  KeyPairStep,
  type LaunchOptions,
  ReviewStep,
  SourceStep,
} from "./launch-steps";
import { defaultNics, nicsProblem, quotaBlockedReason, toLaunchNetworks } from "./network-selection";
import { NetworksStep } from "./networks-step";

const EMPTY_DRAFT: LaunchDraft = {
  name: "",
  count: "1",
  availabilityZone: "",
  imageId: "",
  flavorId: "",
  keyName: "",
  userData: "",
  metadata: [],
  networks: [],
  withoutNetwork: false,
  securityGroupIds: [],
  bootSource: "image",
  volumeSize: "",
  deleteOnTermination: true,
};

/** The draft to start from: the image and network from the URL, the only network, the `default` group. */
function initialDraft(options: LaunchOptions, imageId?: string, networkId?: string): LaunchDraft {
  const network = options.network;
  return {
    ...EMPTY_DRAFT,
    imageId: imageId ?? "",
    networks: network ? defaultNics(network.networks, networkId) : [],
    securityGroupIds: network?.securityGroups.filter((g) => g.name === "default").map((g) => g.id) ?? [],
  };
}

function onlyFields(fields: FieldErrors, step: LaunchStepId): FieldErrors {
  const names = STEP_FIELDS[step];
  return Object.fromEntries(
    Object.entries(fields).filter(([path]) => names.some((n) => path === n || path.startsWith(`${n}.`))),
  );
}

function StepList({
  current,
  withErrors,
  onPick,
}: {
  current: LaunchStepId;
  withErrors: ReadonlySet<LaunchStepId>;
  onPick: (step: LaunchStepId) => void;
}) {
  const t = useTranslations("compute.launch");
  const currentIndex = LAUNCH_STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label={t("wizard.stepsLabel")}>
      <ol className="flex flex-col gap-1">
        {LAUNCH_STEPS.map((step, index) => {
          const active = step.id === current;
          return (
            <li key={step.id}>
              <button
                type="button"
                aria-current={active ? "step" : undefined}
                onClick={() => onPick(step.id)}
                className={clsx(
                  "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm",
                  active ? "bg-accent-soft font-medium text-accent" : "hover:bg-surface-muted",
                )}
              >
                <span
                  aria-hidden
                  className={clsx(
                    "inline-flex size-5 items-center justify-center rounded-full text-xs",
                    withErrors.has(step.id)
                      ? "bg-danger text-danger-fg"
                      : index < currentIndex
                        ? "bg-success text-accent-fg"
                        : "bg-surface-muted text-fg-muted",
                  )}
                >
                  {index < currentIndex && !withErrors.has(step.id) ? <Check size={12} /> : index + 1}
                </span>
                {t(`steps.${step.id}`)}
                {withErrors.has(step.id) ? <span className="sr-only">{t("wizard.hasErrors")}</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The `openstack server create` for the draft as it stands (IDs, never names). */
function launchCli(draft: LaunchDraft, withNetworkService: boolean) {
  const metadata = Object.fromEntries(
    draft.metadata.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]),
  );
  return serverCreate({
    name: draft.name,
    imageId: draft.imageId,
    flavorId: draft.flavorId,
    // Without a network service Nova chooses, as the launch itself does.
    ...(withNetworkService
      ? {
          nics: draft.networks,
          withoutNetwork: draft.withoutNetwork,
          securityGroupIds: draft.securityGroupIds,
        }
      : {}),
    keyName: draft.keyName,
    hasUserData: draft.userData.trim() !== "",
    availabilityZone: draft.availabilityZone,
    count: draft.count,
    metadata,
    ...(draft.bootSource === "volume"
      ? { bootVolume: { sizeGb: draft.volumeSize, deleteOnTermination: draft.deleteOnTermination } }
      : {}),
  });
}

interface LaunchFormProps {
  options: LaunchOptions;
  initialImageId?: string;
  initialNetworkId?: string;
  onRefresh: () => void;
  refreshing: boolean;
}

function LaunchForm({ options, initialImageId, initialNetworkId, onRefresh, refreshing }: LaunchFormProps) {
  const t = useTranslations("compute.launch");
  const tCommon = useTranslations("common");
  const tBlocked = useTranslations("compute.launch.blocked");
  const tValidation = useTranslations("compute.launch.validation");
  const tRules = useTranslations("compute.launch.rules");
  const format = useFormatter();
  const router = useRouter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const [step, setStep] = useState<LaunchStepId>("details");
  const [draft, setDraft] = useState<LaunchDraft>(() =>
    initialDraft(options, initialImageId, initialNetworkId),
  );
  const update = (patch: Partial<LaunchDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const stepIndex = LAUNCH_STEPS.findIndex((s) => s.id === step);
  const instancesLeft = remaining(options.quota.instances);
  const schema = useMemo(() => launchSchema(instancesLeft, tValidation), [instancesLeft, tValidation]);
  const image = options.images.find((i) => i.id === draft.imageId);
  const count = Number.parseInt(draft.count, 10) || 1;
  const blockedReason = (flavor: LaunchOptions["flavors"][number]) =>
    flavorBlockedReason(flavor, image, options.quota, count, tBlocked, format);
  // Shown by the disabled Launch button: more instances or ports than the quotas leave.
  const quotaReason = quotaBlockedReason(
    options.quota.instances,
    options.network?.portQuota ?? null,
    draft.networks,
    count,
    tRules,
    draft.withoutNetwork,
  );

  const launch = trpc.compute.instances.launch.useMutation({
    onSuccess: ({ ids }) => {
      void utils.compute.instances.list.invalidate();
      toast.show(
        ids.length === 1
          ? t("wizard.launchingOneToast", { name: draft.name })
          : t("wizard.launchingManyToast", { count: ids.length }),
      );
      router.push("/project/instances");
    },
    onError: (error) => {
      errors.showError(error);
    },
  });

  const stepsWithErrors = new Set(Object.keys(errors.fields).map(stepOfField));

  /** Validates everything, returns the input or shows the errors on their steps. */
  const validateAll = () => {
    const result = validateForm(schema, draft);
    const fields: FieldErrors = result.ok ? {} : { ...result.fields };
    const flavor = options.flavors.find((f) => f.id === draft.flavorId);
    const reason = flavor ? blockedReason(flavor) : null;
    if (reason && !fields.flavorId) {
      fields.flavorId = t("wizard.flavorCannotBeUsed", { flavor: flavor?.name ?? "", reason });
    }
    const nics = options.network
      ? nicsProblem(draft.networks, count, options.network.networks.length > 0, tRules, draft.withoutNetwork)
      : null;
    if (nics) fields.networks = nics;
    return { result, fields };
  };

  const goNext = () => {
    const { fields } = validateAll();
    const here = onlyFields(fields, step);
    if (Object.keys(here).length > 0) {
      errors.showFieldErrors(here);
      return;
    }
    errors.reset();
    const next = LAUNCH_STEPS[stepIndex + 1];
    if (next) setStep(next.id);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step !== "review") return goNext();
    const { result, fields } = validateAll();
    if (!result.ok || Object.keys(fields).length > 0) {
      errors.showFieldErrors(fields);
      const first = Object.keys(fields)[0];
      if (first) setStep(stepOfField(first));
      return;
    }
    launch.mutate({
      ...result.data,
      // Without a network service (null options) Nova chooses, as before this step existed.
      ...(options.network
        ? {
            networks: toLaunchNetworks(draft.networks, draft.withoutNetwork),
            ...(draft.withoutNetwork ? {} : { securityGroupIds: draft.securityGroupIds }),
          }
        : {}),
    });
  };

  // After a server refusal, point at the step of the first field it named.
  const serverStep = launch.isError ? Object.keys(errors.fields).map(stepOfField)[0] : undefined;
  const props = { draft, update, errors: errors.fields, options };
  const title = t(`steps.${step}`);

  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <StepList current={step} withErrors={stepsWithErrors} onPick={setStep} />
      <form
        onSubmit={submit}
        noValidate
        aria-labelledby="launch-step-title"
        className="rounded-lg border border-border bg-surface p-5"
      >
        <h2 id="launch-step-title" className="mb-4 text-base font-semibold">
          {title}
        </h2>
        {step === "details" ? <DetailsStep {...props} /> : null}
        {step === "source" ? <SourceStep {...props} /> : null}
        {step === "flavor" ? <FlavorStep {...props} blockedReason={blockedReason} /> : null}
        {step === "networks" ? (
          options.network ? (
            <NetworksStep
              network={options.network}
              nics={draft.networks}
              withoutNetwork={draft.withoutNetwork}
              onWithoutNetwork={(withoutNetwork) => update({ withoutNetwork })}
              securityGroupIds={draft.securityGroupIds}
              count={count}
              instancesLeft={remaining(options.quota.instances)}
              onNics={(networks) => update({ networks })}
              onSecurityGroups={(securityGroupIds) => update({ securityGroupIds })}
              errors={errors.fields}
            />
          ) : (
            <p className="text-sm text-fg-muted">{t("wizard.noNetworkService")}</p>
          )
        ) : null}
        {step === "keyPair" ? <KeyPairStep {...props} onRefresh={onRefresh} refreshing={refreshing} /> : null}
        {step === "configuration" ? <ConfigurationStep {...props} /> : null}
        {step === "review" ? <ReviewStep {...props} /> : null}
        <FormError message={errors.formError} />
        {serverStep && serverStep !== step ? (
          <p className="mt-2 text-sm">
            <button type="button" className="text-accent underline" onClick={() => setStep(serverStep)}>
              {t("wizard.goToStep", { step: t(`steps.${serverStep}`) })}
            </button>
          </p>
        ) : null}
        <ShowCli cli={launchCli(draft, options.network !== null)} />
        <div className="mt-6 flex justify-between gap-2 border-t border-border pt-4">
          <Button onClick={() => router.push("/project/instances")}>{tCommon("cancel")}</Button>
          <div className="flex gap-2">
            {stepIndex > 0 ? (
              <Button
                onClick={() => {
                  const previous = LAUNCH_STEPS[stepIndex - 1];
                  if (previous) setStep(previous.id);
                }}
              >
                {t("wizard.back")}
              </Button>
            ) : null}
            {step === "review" ? (
              <>
                {quotaReason ? (
                  <p id="launch-blocked" className="max-w-md self-center text-right text-sm text-danger">
                    {quotaReason}
                  </p>
                ) : null}
                <Button
                  type="submit"
                  variant="primary"
                  busy={launch.isPending}
                  disabled={quotaReason !== null}
                  aria-describedby={quotaReason ? "launch-blocked" : undefined}
                  title={quotaReason ?? undefined}
                >
                  <Rocket size={16} aria-hidden /> {t("wizard.launch")}
                </Button>
              </>
            ) : (
              <Button type="submit" variant="primary">
                {t("wizard.next")}
              </Button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}

/** The launch wizard: details, source, flavor, networks, key pair, configuration, review. */
export function LaunchWizard({
  initialImageId,
  initialNetworkId,
}: {
  initialImageId?: string;
  initialNetworkId?: string;
}) {
  const t = useTranslations("compute.launch.wizard");
  const options = trpc.compute.launchOptions.useQuery(undefined, {
    // Coming back from the key-pairs tab shows the new key pair.
    refetchOnWindowFocus: true,
  });
  if (options.error && !options.data) {
    return <TableError error={options.error} onRetry={() => void options.refetch()} />;
  }
  if (!options.data) {
    return (
      <p aria-busy className="text-sm text-fg-muted">
        {t("loadingOptions")}
      </p>
    );
  }
  return (
    <LaunchForm
      options={options.data}
      initialImageId={initialImageId}
      initialNetworkId={initialNetworkId}
      onRefresh={() => void options.refetch()}
      refreshing={options.isFetching}
    />
  );
}
