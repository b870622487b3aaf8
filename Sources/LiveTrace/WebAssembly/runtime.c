// The few C functions the page's Embedded Swift module needs, for wasm32-unknown-unknown
// with no C library: an allocator, memcpy, memmove, memset, memcmp, and the two calls the
// Swift runtime makes for hashing seeds and for printing a fatal error.
//
// The allocator keeps freed blocks in lists by size class (powers of two from 16 bytes), so
// a page that traces input after input reuses its memory instead of growing it each time.
// Every block starts 16 bytes after a header that holds its class; memory only grows, in
// 64 KiB pages, through memory.grow.

typedef unsigned long size_t;
typedef unsigned int uint32_t;

extern unsigned char __heap_base;

#define PAGE_SIZE 65536ul
#define HEADER 16ul
#define CLASSES 32

static unsigned long heap_top = 0;
static unsigned long heap_end = 0;
static void *free_lists[CLASSES];

static int size_class(size_t size) {
  int class_index = 4;  // 16 bytes
  while (class_index < CLASSES - 1 && ((size_t)1 << class_index) < size) class_index++;
  return class_index;
}

static void *take_from_heap(size_t bytes) {
  if (heap_top == 0) {
    heap_top = ((unsigned long)&__heap_base + 15ul) & ~15ul;
    heap_end = __builtin_wasm_memory_size(0) * PAGE_SIZE;
  }
  if (bytes > 0xFFFFFFFFul - heap_top) return 0;
  if (heap_top + bytes > heap_end) {
    size_t pages = (heap_top + bytes - heap_end + PAGE_SIZE - 1) / PAGE_SIZE;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
    heap_end += pages * PAGE_SIZE;
  }
  void *block = (void *)heap_top;
  heap_top += bytes;
  return block;
}

void *malloc(size_t size) {
  int class_index = size_class(size == 0 ? 1 : size);
  if (((size_t)1 << class_index) < size) return 0;  // larger than the largest class
  unsigned char *block;
  if (free_lists[class_index]) {
    block = free_lists[class_index];
    free_lists[class_index] = *(void **)block;
  } else {
    unsigned char *raw = take_from_heap(HEADER + ((size_t)1 << class_index));
    if (!raw) return 0;
    *(uint32_t *)raw = (uint32_t)class_index;
    block = raw + HEADER;
  }
  return block;
}

void free(void *pointer) {
  if (!pointer) return;
  unsigned char *block = pointer;
  uint32_t class_index = *(uint32_t *)(block - HEADER);
  *(void **)block = free_lists[class_index];
  free_lists[class_index] = block;
}

// Every block is 16-byte aligned, which is all the Swift runtime asks for here.
int posix_memalign(void **result, size_t alignment, size_t size) {
  if (alignment > HEADER) return 22;  // EINVAL
  *result = malloc(size);
  return *result ? 0 : 12;  // ENOMEM
}

void *aligned_alloc(size_t alignment, size_t size) {
  void *result = 0;
  return posix_memalign(&result, alignment, size) == 0 ? result : 0;
}

void *calloc(size_t count, size_t size) {
  size_t bytes = count * size;
  if (size != 0 && bytes / size != count) return 0;
  unsigned char *block = malloc(bytes);
  if (block) for (size_t i = 0; i < bytes; i++) block[i] = 0;
  return block;
}

void *memcpy(void *destination, const void *source, size_t count) {
  unsigned char *to = destination;
  const unsigned char *from = source;
  while (count--) *to++ = *from++;
  return destination;
}

void *memmove(void *destination, const void *source, size_t count) {
  unsigned char *to = destination;
  const unsigned char *from = source;
  if (to < from) {
    while (count--) *to++ = *from++;
  } else {
    to += count;
    from += count;
    while (count--) *--to = *--from;
  }
  return destination;
}

void *memset(void *destination, int value, size_t count) {
  unsigned char *to = destination;
  while (count--) *to++ = (unsigned char)value;
  return destination;
}

int memcmp(const void *left, const void *right, size_t count) {
  const unsigned char *a = left, *b = right;
  for (; count; count--, a++, b++)
    if (*a != *b) return *a - *b;
  return 0;
}

// Rounding half away from zero, as C's round does (Swift's `rounded()`); the difference
// x - trunc(x) is exact, so there is no double rounding.
double round(double x) {
  double whole = __builtin_trunc(x);
  if (__builtin_fabs(x - whole) >= 0.5) whole += __builtin_copysign(1.0, x);
  return whole;
}

float roundf(float x) {
  float whole = __builtin_truncf(x);
  if (__builtin_fabsf(x - whole) >= 0.5f) whole += __builtin_copysignf(1.0f, x);
  return whole;
}

// The Swift runtime's seed for Hasher: fixed, so a page computes the same way every time
// (no order of a Set or Dictionary reaches what the page shows).
void arc4random_buf(void *buffer, size_t count) { memset(buffer, 0x5A, count); }

// A fatal error's message goes nowhere: the page reports the trap itself.
int putchar(int character) { return character; }
