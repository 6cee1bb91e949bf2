#!/usr/bin/env bash
# Runs the mobility data plane's namespace ITs on a Debian 12 kernel (which has seg6
# lightweight tunnels and ip6tnl) under QEMU, for machines whose own kernel lacks them.
#
#   conf/testbed/kernel-vm.sh [TestClass ...]     (default: the dataplane.linux ITs below)
#   KERNEL_VM_SHELL='ip -V; lsmod' conf/testbed/kernel-vm.sh    (a shell command instead)
#
# Root only. Installs qemu-system-x86 and busybox-static when missing, downloads (never
# installs) the kernel package linux-image-amd64 depends on, builds a small initramfs (busybox
# and the kernel's network, crypto, virtio and 9p modules), compiles mobility's test classes on
# this host, and boots the kernel under TCG with this machine's /usr, /etc, Maven repository
# and this worktree shared read-only over 9p. The guest chroots into a tmpfs holding them, runs
# the selected test classes with the JUnit console launcher and writes its output and XML
# reports to a writable 9p share, then powers off. Takes 15-20 minutes for the default set.
# Exit status: the launcher's (0 = all passed). Work files: $KERNEL_VM_DIR (/tmp/dmm-kernel-vm). See mobility/DATAPLANE.md ("On a kernel with seg6 and ip6tnl").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$(pwd)

work=${KERNEL_VM_DIR:-/tmp/dmm-kernel-vm}
m2=$HOME/.m2/repository
junit_version=1.14.4
package=org.dmmedge.mobility.dataplane.linux
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  tests=(RtnetlinkIT StartupChecksIT TunnelIT LinuxDataPlaneIT RouterAdvertisementIT InterceptIT HandoverIT)
fi
# Loaded at boot; everything else under kernel/net is loaded on demand (kernel/modprobe).
preload=(virtio_pci 9pnet_virtio 9p tun)

[ "$(id -u)" -eq 0 ] || { echo "kernel-vm.sh: needs root (apt-get, qemu with 9p of /)" >&2; exit 2; }
log() { echo "kernel-vm: $(date -u +%T) $*"; }

missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list | grep -qx modprobe || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$work"
# The kernel: the package linux-image-amd64 depends on (Debian 12: 6.1), extracted, not installed.
image=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$image" ] || { echo "kernel-vm.sh: no kernel package behind linux-image-amd64 (apt-get update?)" >&2; exit 2; }
version=${image#linux-image-}
kernel=$work/kernel-$version
if [ ! -f "$kernel/boot/vmlinuz-$version" ]; then
  log "downloading $image"
  rm -rf "$kernel" "$work"/linux-image-*.deb
  (cd "$work" && apt-get download "$image" 2>&1 | grep -v unsandboxed || true)
  dpkg-deb -x "$work/${image}"_*.deb "$kernel"
  busybox depmod -b "$kernel" "$version"
fi
for option in CONFIG_IPV6_SEG6_LWTUNNEL=y CONFIG_IPV6_TUNNEL=m CONFIG_NET_9P_VIRTIO=m CONFIG_9P_FS=m; do
  grep -qx "$option" "$kernel/boot/config-$version" || { echo "kernel-vm.sh: $image lacks $option" >&2; exit 2; }
done

# The initramfs: busybox, kernel/net, the crypto modules and the modules the preload list needs, with their deps.
initrd=$work/initrd-$version.cpio.gz
log "building the initramfs"
modules=$kernel/lib/modules/$version
root=$work/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,newroot,lib/modules/"$version"}
cp /bin/busybox "$root/bin/busybox"
{
  # kernel/crypto: modules load ciphers by name (libcrc32c, which nf_tables needs, wants crc32c).
  (cd "$modules" && find kernel/net kernel/crypto kernel/arch/x86/crypto -name '*.ko')
  for m in "${preload[@]}" veth overlay; do
    grep -E "^[^:]*/$m\.ko:" "$modules/modules.dep" | tr -d ':' | tr ' ' '\n'
  done
} | sort -u > "$work/modules.list"
# kernel/net modules depend on a few outside it (libcrc32c, ...): add deps until closed.
while true; do
  grep -F -f <(sed 's|$|:|' "$work/modules.list") "$modules/modules.dep" | cut -d: -f2 | tr ' ' '\n' \
    | grep . | cat - "$work/modules.list" | sort -u > "$work/modules.next"
  cmp -s "$work/modules.next" "$work/modules.list" && break
  mv "$work/modules.next" "$work/modules.list"
done
(cd "$modules" && xargs cp --parents -t "$root/lib/modules/$version" < "$work/modules.list")
cp "$modules"/modules.builtin* "$modules/modules.order" "$root/lib/modules/$version/"
busybox depmod -b "$root" "$version"
cat > "$root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc && mount -t sysfs sys /sys && mount -t devtmpfs dev /dev
echo /bin/modprobe > /proc/sys/kernel/modprobe
for m in ${preload[*]}; do modprobe \$m || echo "init: modprobe \$m failed"; done
# The guest's root: a tmpfs with this machine's /usr, /etc, Maven repository and worktree
# mounted read-only over 9p (one share each: a share spanning several host file systems
# confuses 9p's inode numbers) and the writable share for the results.
mount -t tmpfs root /newroot && cd /newroot
mkdir -p proc sys dev tmp run var usr etc "./$m2" "./$repo" && chmod 1777 tmp
for l in bin sbin lib lib64; do ln -s usr/\$l \$l; done
ln -s /run var/run && ln -s /tmp var/tmp
for tag in usr etc m2:$m2 repo:$repo; do
  mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=loose,ro \${tag%%:*} "./\${tag#*:}"
done
mount -t proc proc proc && mount -t sysfs sys sys && mount -t devtmpfs dev dev
mkdir -p dev/pts dev/shm run/share && ln -s /proc/self/fd dev/fd
mount -t devpts devpts dev/pts && mount -t tmpfs shm dev/shm
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 share run/share
chroot /newroot /bin/bash /run/share/guest.sh > /newroot/run/share/guest.log 2>&1
echo \$? > /newroot/run/share/rc
sync
poweroff -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$initrd"

# The tests, compiled here; the guest runs them from this worktree through the 9p root.
share=$work/share
rm -rf "$share" && mkdir -p "$share"
if [ -n "${KERNEL_VM_SHELL:-}" ]; then
  tests=(shell)
  printf 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root\ncd %q\n%s\n' "$repo" "$KERNEL_VM_SHELL" > "$share/guest.sh"
else
log "compiling mobility's tests"
mvn -B -q -ntp -pl mobility -am test-compile dependency:build-classpath -Dmdep.outputFile="$share/classpath" >"$work/mvn.log" 2>&1 \
  || { tail -30 "$work/mvn.log"; exit 1; }
launcher=$work/junit-platform-console-standalone-$junit_version.jar
[ -f "$launcher" ] || mvn -B -q -ntp dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_version \
  -DoutputDirectory="$work" >>"$work/mvn.log" 2>&1
cp "$launcher" "$share/launcher.jar"
selectors=()
for t in "${tests[@]}"; do
  [[ "$t" == *.* ]] && selectors+=(--select-class "$t") || selectors+=(--select-class "$package.$t")
done
cat > "$share/guest.sh" <<EOF
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
echo "guest kernel: \$(uname -r) (\$(uname -v)), \$(nproc) cpus"
cd "$repo/mobility"
# Test JVM flags as in the pom (test.argLine); C1 only and serial GC: emulated CPUs are slow,
# so the test bed's time bounds and JUnit's per-test timeout are ten and six times longer.
# Everything on the JVM's class path: Netty loads the custom leak detector from there.
echo "tests start: \$(date -u +%T)"
java -Dio.netty.leakDetection.level=paranoid -Dio.netty.customResourceLeakDetector=org.dmmedge.testkit.RecordingLeakDetector \\
  -Dio.netty.leakDetection.targetRecords=32 -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Ddmm.testbed.timeScale=10 \\
  -cp "target/test-classes:target/classes:\$(cat /run/share/classpath):/run/share/launcher.jar" \\
  org.junit.platform.console.ConsoleLauncher execute --include-engine=junit-jupiter --disable-banner \\
  --disable-ansi-colors --details=tree --config=junit.jupiter.execution.timeout.default=30m \\
  --reports-dir /run/share/reports ${selectors[*]}
EOF
fi

log "booting $version under QEMU (TCG) for ${tests[*]}"
start=$(date +%s)
timeout 3600 qemu-system-x86_64 -machine q35,accel=tcg -cpu max -smp 2 -m 4G -nographic -no-reboot -nic none \
  -kernel "$kernel/boot/vmlinuz-$version" -initrd "$initrd" \
  -append "console=ttyS0 quiet panic=-1 mitigations=off" \
  -virtfs local,path=/usr,mount_tag=usr,security_model=none,readonly=on \
  -virtfs local,path=/etc,mount_tag=etc,security_model=none,readonly=on \
  -virtfs local,path="$m2",mount_tag=m2,security_model=none,readonly=on \
  -virtfs local,path="$repo",mount_tag=repo,security_model=none,readonly=on \
  -virtfs local,path="$share",mount_tag=share,security_model=none \
  > "$work/console.log" 2>&1 || true
log "VM ran $(( $(date +%s) - start )) s; guest output: $share/guest.log, console: $work/console.log"
cat "$share/guest.log" 2>/dev/null || tail -40 "$work/console.log"
[ -f "$share/rc" ] || { echo "kernel-vm.sh: the guest did not finish (see $work/console.log)" >&2; exit 1; }
exit "$(cat "$share/rc")"
