using System.Reflection;
using k8s;
using k8s.Models;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Platform;

/// <summary>
/// infra/k8s parsed strictly (unknown fields fail) into the official Kubernetes client's typed models, custom
/// resources into their own shape, and the invariants a production deployment relies on asserted.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string K8s = Path.Combine(RepositoryPaths.Root, "infra", "k8s");
    private static readonly Lazy<List<(string File, object Resource)>> Parsed = new(ParseAll);

    /// <summary>The overlays' strategic-merge patches: partial objects, parsed but not held to the invariants.</summary>
    private static readonly HashSet<string> Patches = Directory.EnumerateDirectories(Path.Combine(K8s, "overlays"))
        .SelectMany(d => Kustomization(Path.GetRelativePath(K8s, d)).Patches.Select(p => Path.Combine(d, p.Path))).ToHashSet();

    /// <summary>Every whole object: the base, the overlays' own resources and the optional files.</summary>
    private static IEnumerable<object> All => Parsed.Value.Where(p => !Patches.Contains(p.File)).Select(p => p.Resource);

    private static IEnumerable<V1Deployment> Deployments => All.OfType<V1Deployment>();

    private static IEnumerable<(string Name, V1PodSpec Pod, IDictionary<string, string> Labels)> Workloads =>
        Deployments.Select(d => (d.Metadata.Name, d.Spec.Template.Spec, d.Spec.Template.Metadata.Labels))
            .Concat(All.OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec, j.Spec.Template.Metadata.Labels)));

    [Fact]
    public void Every_manifest_parses_into_typed_models_and_kustomize_lists_every_file()
    {
        Assert.Contains(All, r => r is V1Deployment);
        Assert.DoesNotContain(Parsed.Value, p => p.Resource is CustomResource { Kind: not ("ServiceMonitor" or "ScaledObject" or "TriggerAuthentication") });
        var listed = Kustomization("base").Resources.Select(r => Path.Combine(K8s, "base", r)).ToHashSet();
        var files = Directory.EnumerateFiles(Path.Combine(K8s, "base"), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").ToHashSet();
        Assert.Equal(files.Order(), listed.Order());

        var production = Kustomization(Path.Combine("overlays", "production"));
        Assert.All(production.Patches, p => Assert.True(File.Exists(Path.Combine(K8s, "overlays", "production", p.Path)), p.Path));
        var baseNames = Parsed.Value.Where(p => p.File.Contains("/base/", StringComparison.Ordinal)).Select(p => Metadata(p.Resource).Name).ToHashSet();
        var patched = Parsed.Value.Where(p => Patches.Contains(p.File)).ToList();
        Assert.Equal(production.Patches.Count, patched.Count);
        Assert.All(patched, p => Assert.Contains(Metadata(p.Resource).Name, baseNames));
        var images = Workloads.SelectMany(w => w.Pod.Containers).Select(c => c.Image.Split(':')[0]).ToHashSet();
        Assert.All(production.Images, i => Assert.Contains(i.Name, images));
    }

    [Fact]
    public void Every_container_is_non_root_read_only_with_resources_and_a_pinned_image()
    {
        Assert.NotEmpty(Workloads);
        foreach (var (name, pod, _) in Workloads)
        {
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{name}: runAsNonRoot");
            Assert.Equal("RuntimeDefault", pod.SecurityContext?.SeccompProfile?.Type);
            Assert.False(pod.AutomountServiceAccountToken ?? All.OfType<V1ServiceAccount>().Single(a => a.Metadata.Name == pod.ServiceAccountName).AutomountServiceAccountToken ?? true, $"{name}: service account token mounted");
            foreach (var container in pod.Containers)
            {
                var security = container.SecurityContext;
                Assert.True(security?.ReadOnlyRootFilesystem == true, $"{name}/{container.Name}: readOnlyRootFilesystem");
                Assert.True(security?.AllowPrivilegeEscalation == false, $"{name}/{container.Name}: allowPrivilegeEscalation");
                Assert.Equal(["ALL"], security?.Capabilities?.Drop ?? []);
                Assert.Contains("cpu", container.Resources.Requests.Keys);
                Assert.Contains("memory", container.Resources.Requests.Keys);
                Assert.Contains("memory", container.Resources.Limits.Keys);
                var tag = container.Image.Split(':') is [_, var t] ? t : null;
                Assert.False(tag is null or "latest", $"{name}/{container.Name}: image '{container.Image}' is not pinned");
                // A read-only root needs somewhere to write temp files.
                Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
                Assert.All(container.EnvFrom.Where(e => e.SecretRef is not null), e => Assert.Equal("kb-secrets", e.SecretRef.Name));
            }
        }

        Assert.DoesNotContain(All, r => r is V1Secret);
    }

    [Fact]
    public void The_api_runs_two_replicas_at_least_with_health_probes_and_a_budget()
    {
        var api = Deployments.Single(d => d.Metadata.Name == "kb-api");
        var container = api.Spec.Template.Spec.Containers.Single();

        Assert.True(api.Spec.Replicas >= 2);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Contains(container.Ports, p => p.Name == container.ReadinessProbe.HttpGet.Port.Value && p.ContainerPort == 8080);
        Assert.True(All.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Spec.ScaleTargetRef.Name == "kb-api").Spec.MinReplicas >= 2);
        Assert.Contains(All.OfType<V1PodDisruptionBudget>(), b => Selects(b.Spec.Selector.MatchLabels, api.Spec.Template.Metadata.Labels));
        var migrate = All.OfType<V1Job>().Single();
        Assert.Contains(migrate.Spec.Template.Spec.Containers.Single().Env, e => e.Name == "Startup__MigrateOnly" && e.Value == "true");
    }

    [Fact]
    public void Every_selector_and_reference_finds_what_it_names()
    {
        var templates = Deployments.Select(d => d.Spec.Template.Metadata.Labels).ToList();
        Assert.All(Deployments, d => Assert.True(Selects(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels), $"{d.Metadata.Name}: selector does not match its pods"));
        Assert.All(All.OfType<V1Service>(), s => Assert.Contains(templates, t => Selects(s.Spec.Selector, t)));
        Assert.All(All.OfType<V1PodDisruptionBudget>(), b => Assert.Contains(templates, t => Selects(b.Spec.Selector.MatchLabels, t)));
        Assert.All(All.OfType<V1NetworkPolicy>(), n => Assert.Contains(templates, t => Selects(n.Spec.PodSelector.MatchLabels, t)));
        Assert.All(All.OfType<V2HorizontalPodAutoscaler>(), h => Assert.Contains(Deployments, d => d.Metadata.Name == h.Spec.ScaleTargetRef.Name));
        var service = All.OfType<V1Service>().Single(s => s.Metadata.Name == "kb-api");
        var monitor = All.OfType<CustomResource>().Single(r => r.Kind == "ServiceMonitor");
        Assert.True(Selects(Labels(monitor.Spec["selector"]), service.Metadata.Labels), "the ServiceMonitor does not select the API service");
        var endpoint = Assert.Single((List<object>)monitor.Spec["endpoints"]);
        Assert.Contains(service.Spec.Ports, p => p.Name == (string)((Dictionary<object, object>)endpoint)["port"]);
        var claims = Workloads.SelectMany(w => w.Pod.Volumes).Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName);
        Assert.All(claims, c => Assert.Contains(All.OfType<V1PersistentVolumeClaim>(), p => p.Metadata.Name == c && p.Spec.AccessModes.Contains("ReadWriteMany")));
    }

    [Fact]
    public void The_ingress_keeps_websockets_open_and_pins_a_browser_to_one_pod()
    {
        var ingress = All.OfType<V1Ingress>().First();
        var annotations = ingress.Metadata.Annotations;

        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.True(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.True(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"], System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.Equal("off", annotations["nginx.ingress.kubernetes.io/proxy-buffering"]);
        var backend = ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        Assert.Contains(All.OfType<V1Service>(), s => s.Metadata.Name == backend.Name && s.Spec.Ports.Any(p => p.Name == backend.Port.Name));
        Assert.NotEmpty(ingress.Spec.Tls);
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static Dictionary<string, string> Labels(object selector) =>
        ((Dictionary<object, object>)((Dictionary<object, object>)selector)["matchLabels"]).ToDictionary(k => (string)k.Key, k => (string)k.Value);

    private static V1ObjectMeta Metadata(object resource) => resource switch
    {
        IMetadata<V1ObjectMeta> typed => typed.Metadata,
        CustomResource custom => custom.Metadata,
        _ => throw new InvalidOperationException(resource.GetType().Name),
    };

    private static KustomizationFile Kustomization(string folder) =>
        KubernetesYaml.Deserialize<KustomizationFile>(File.ReadAllText(Path.Combine(K8s, folder, "kustomization.yaml")));

    private static List<(string File, object Resource)> ParseAll()
    {
        // The client's own apiVersion/kind → model map, plus the custom resources we ship.
        var typeMap = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is { Kind.Length: > 0 })
            .GroupBy(x => $"{(string.IsNullOrEmpty(x.Entity!.Group) ? string.Empty : x.Entity.Group + "/")}{x.Entity.ApiVersion}/{x.Entity.Kind}")
            .ToDictionary(g => g.Key, g => g.First().Type);
        typeMap["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(CustomResource);
        typeMap["keda.sh/v1alpha1/ScaledObject"] = typeof(CustomResource);
        typeMap["keda.sh/v1alpha1/TriggerAuthentication"] = typeof(CustomResource);

        var parsed = new List<(string, object)>();
        foreach (var file in Directory.EnumerateFiles(K8s, "*.yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var resources = KubernetesYaml.LoadAllFromString(File.ReadAllText(file), typeMap, strict: true);
            Assert.NotEmpty(resources);
            parsed.AddRange(resources.Select(r => (file, r)));
        }

        return parsed;
    }

    /// <summary>A custom resource (Prometheus Operator, KEDA): metadata typed, spec as parsed YAML.</summary>
    public sealed class CustomResource
    {
        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public V1ObjectMeta Metadata { get; set; } = new();

        public Dictionary<string, object> Spec { get; set; } = [];
    }

    public sealed class KustomizationFile
    {
        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string? Namespace { get; set; }

        public List<string> Resources { get; set; } = [];

        public List<Patch> Patches { get; set; } = [];

        public List<Image> Images { get; set; } = [];

        public List<object> Labels { get; set; } = [];

        public sealed class Patch
        {
            public string Path { get; set; } = string.Empty;
        }

        public sealed class Image
        {
            public string Name { get; set; } = string.Empty;

            public string NewTag { get; set; } = string.Empty;
        }
    }
}
