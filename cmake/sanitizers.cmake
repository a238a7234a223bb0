# NEWSWIRE_SANITIZE: build everything (libraries, services, tests) with the
# compiler's sanitizers. A comma-separated list passed to -fsanitize=, e.g.
#   -DNEWSWIRE_SANITIZE=address,undefined   (ASan + LSan + UBSan)
#   -DNEWSWIRE_SANITIZE=thread              (TSan)
# Use a build dir of its own (make test-sanitizers uses build-asan/ and
# build-tsan/); the third-party libraries from Debian stay uninstrumented.
set(NEWSWIRE_SANITIZE "" CACHE STRING
    "Sanitizers to build with: address,undefined or thread (empty: none)")

if(NEWSWIRE_SANITIZE)
  string(REPLACE "," ";" _nw_sanitizers "${NEWSWIRE_SANITIZE}")
  if("thread" IN_LIST _nw_sanitizers AND "address" IN_LIST _nw_sanitizers)
    message(FATAL_ERROR "NEWSWIRE_SANITIZE: thread and address cannot be combined")
  endif()
  set(_nw_flags -fsanitize=${NEWSWIRE_SANITIZE} -fno-omit-frame-pointer)
  if("undefined" IN_LIST _nw_sanitizers)
    # A UBSan finding aborts the test instead of printing and carrying on.
    list(APPEND _nw_flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${_nw_flags})
  add_link_options(${_nw_flags})
  message(STATUS "newswire: sanitizers ${NEWSWIRE_SANITIZE}")
endif()

# Linked into every binary and test (newswire.cmake); empty unless needed.
set(NEWSWIRE_SANITIZER_DEPS "")
if("thread" IN_LIST _nw_sanitizers)
  # The Debian libraries are not built for TSan: librdkafka's C11 threads
  # and absl::Mutex need the shims in this file (see its header).
  add_library(newswire_tsan_shims OBJECT
              ${PROJECT_SOURCE_DIR}/tests/sanitizers/tsan_shims.cc)
  target_link_libraries(newswire_tsan_shims PUBLIC absl::synchronization
                                                   Threads::Threads
                                                   ${CMAKE_DL_LIBS})
  set(NEWSWIRE_SANITIZER_DEPS newswire_tsan_shims)
endif()
