/* What the bridge's C files share and tmc_cuda.h does not export: the one stream and the error text. */
#ifndef TMC_CUDA_INTERNAL_H
#define TMC_CUDA_INTERNAL_H

/* Makes the context current on this thread; 0 on success, else a failure tmc_cuda_error() describes. */
int tmc_cuda_enter(void);

/* The stream every call is ordered on (a CUstream). */
void *tmc_cuda_stream(void);

/* Sets tmc_cuda_error()'s text (printf-style) and returns -1. */
int tmc_cuda_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
