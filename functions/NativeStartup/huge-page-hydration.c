/*
 * Linked into the Native AOT executables (hakiri, the Lambda bootstrap) by NativeStartup.targets.
 *
 * At start-up the .NET runtime writes its "hydrated" data (about 18 MB for hakiri) into the zero-filled tail of the
 * executable's writable segment. Touched 4 KiB at a time that is some 4,500 page faults, and on a virtualised host a
 * fault is expensive: they were half of `hakiri --version`'s 105 ms. This constructor runs before main, so before the
 * runtime, and asks the kernel for transparent huge pages on that tail (where the setting is "madvise", the usual
 * default). A kernel that cannot or will not do so refuses or ignores the advice; start-up then stays as it was.
 * See docs/adr/0028-huge-pages-for-the-runtimes-start-up-data.md.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Only a zero-filled tail at least this large is worth advising (hakiri's is about 19 MB, the bootstrap's 10 MB). */
#define HAKIRI_MIN_ZERO_FILL ((size_t)4 << 20)

static int hakiri_advise_main_program(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || segment->p_memsz < segment->p_filesz + HAKIRI_MIN_ZERO_FILL) {
            continue;
        }

        uintptr_t start = info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
        uintptr_t end = info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        start = (start + page - 1) & ~(page - 1);
        end &= ~(page - 1);
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
    }

    return 1; /* the first object listed is the executable itself: stop there */
}

__attribute__((constructor)) static void hakiri_huge_page_hydration(void)
{
    dl_iterate_phdr(hakiri_advise_main_program, NULL);
}
