/* What the bridge's C files share and tmc_cuda.h does not export: the one stream, library opening and the error text. */
#ifndef TMC_CUDA_INTERNAL_H
#define TMC_CUDA_INTERNAL_H

#include <stddef.h>

/* Makes the context current on this thread; 0 on success, else a failure tmc_cuda_error() describes. */
int tmc_cuda_enter(void);

/* The stream every call is ordered on (a CUstream). */
void *tmc_cuda_stream(void);

/* The first of `names` (NULL or empty ones skipped) that dlopen opens; NULL where none does, with
 * each one's dlerror in `why`, separated by "; ". */
void *tmc_cuda_open_library(const char *const names[], size_t count, char *why, size_t capacity);

/* Sets tmc_cuda_error()'s text (printf-style) and returns -1. */
int tmc_cuda_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
